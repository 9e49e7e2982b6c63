using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AgentLocator.Api.Account;
using AgentLocator.Api.Calls.Webhooks;
using AgentLocator.Api.Operator;
using AgentLocator.Api.Tests.Audit;
using AgentLocator.Api.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AgentLocator.Api.Tests.Accounts;

/// <summary>The operator starts, suspends, resumes and re-plans businesses through /api/operator, behind the operator key.</summary>
[Collection(ApiCollection.Name)]
public sealed class OperatorTests(AgentLocatorApiFactory api)
{
    [Fact]
    public async Task A_new_business_gets_its_first_admin_through_a_one_time_invitation_link()
    {
        var (created, token) = await api.OperatorCreatesBusinessAsync(plan: "standard");
        Assert.Equal("standard", created.Business.Plan);
        Assert.Equal(["crm", "calls", "whatsapp"], created.Business.PlanFeatures);
        Assert.Contains("/invite/", created.InvitationUrl);
        Assert.Equal(43, token.Length);

        var (admin, auth) = await api.AcceptedAsync(token, "בעלת העסק");

        Assert.Equal("admin", auth.User.Role);
        Assert.Equal(created.Business.Id, auth.User.BusinessId);
        Assert.NotNull(admin.RefreshCookie);
        var me = await admin.Http.GetFromJsonAsync<JsonElement>("/api/me");
        Assert.Equal(created.Business.Name, me.GetProperty("business").GetProperty("name").GetString());
        using var again = new ApiClient(api);
        Assert.Equal(HttpStatusCode.NotFound, (await again.AcceptAsync(token, new { displayName = "שוב", password = AccountsTestSupport.StrongPassword })).StatusCode);
        // And she signs in with the password she chose.
        await new ApiClient(api).SignInAsync(auth.User.Email, AccountsTestSupport.StrongPassword);
    }

    [Fact]
    public async Task Bad_input_is_a_400_naming_each_field_and_a_taken_admin_email_is_409()
    {
        using var operatorClient = api.OperatorClient();
        var bad = await operatorClient.PostAsJsonAsync("/api/operator/businesses", new { name = "", plan = "gold", timeZone = "Mars/Olympus", adminEmail = "nope" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await bad.ProblemAsync()).GetProperty("errors");
        foreach (var field in new[] { "name", "plan", "timeZone", "adminEmail" })
        {
            Assert.True(errors.TryGetProperty(field, out _), field);
        }

        var taken = await operatorClient.PostAsJsonAsync("/api/operator/businesses", new { name = "כפול", plan = "full", adminEmail = "admin@demo.local" });
        Assert.Equal(HttpStatusCode.Conflict, taken.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await operatorClient.PostAsync($"/api/operator/businesses/{Guid.NewGuid()}/suspend", null)).StatusCode);
    }

    [Fact]
    public async Task Only_the_operator_key_opens_the_operator_api()
    {
        using var anonymous = new HttpClient { BaseAddress = api.ServerAddress };
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/operator/businesses")).StatusCode);
        using var tenantAdmin = new ApiClient(api);
        await tenantAdmin.SignInAsync("admin@demo.local");
        Assert.Equal(HttpStatusCode.Forbidden, (await tenantAdmin.Http.GetAsync("/api/operator/businesses")).StatusCode);

        using var operatorClient = api.OperatorClient();
        var list = await operatorClient.GetFromJsonAsync<List<OperatorBusinessResponse>>("/api/operator/businesses", JsonSerializerOptions.Web);
        Assert.Contains(list!, business => business.Name == Grains.Data.DevelopmentSeed.DemoBusinessName);
    }

    [Fact]
    public async Task Suspending_signs_everyone_out_at_once_refuses_sign_in_and_calls_hear_a_polite_goodbye()
    {
        var (business, adminUser, caller) = await api.NewBusinessCallAsync();
        using var admin = new ApiClient(api);
        var auth = await admin.SignInAsync(adminUser.Email);
        var (hub, sessionEnded, closed) = await api.ConnectHubAsync(auth.AccessToken);
        await using var _ = hub;
        using var operatorClient = api.OperatorClient();

        var suspended = await operatorClient.PostAsync($"/api/operator/businesses/{business.Id}/suspend", null);

        Assert.Equal(HttpStatusCode.OK, suspended.StatusCode);
        Assert.Equal("business-suspended", await sessionEnded.WaitAsync(AccountsTestSupport.Patience));
        await closed.WaitAsync(AccountsTestSupport.Patience);
        Assert.Equal(HttpStatusCode.Unauthorized, (await admin.Http.GetAsync("/api/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await admin.Http.PostAsync("/api/auth/refresh", null)).StatusCode);
        var refused = await new ApiClient(api).Http.PostAsJsonAsync("/api/auth/login", new { email = adminUser.Email, password = Grains.Data.DevelopmentSeed.DemoPassword });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("השירות לעסק זה מושהה.", (await refused.ProblemAsync()).GetProperty("title").GetString());
        var twiml = await caller.IncomingAsync();
        Assert.Equal(["Say", "Hangup"], TwilioCaller.Verbs(twiml));
        Assert.Equal(CallerPrompts.ServiceUnavailable, twiml.Elements().First().Value);
        await using (var db = api.CreateDbContext())
        {
            Assert.False(await db.Calls.IgnoreQueryFilters().AnyAsync(c => c.CallSid == caller.CallSid));
        }

        Assert.Equal(HttpStatusCode.OK, (await operatorClient.PostAsync($"/api/operator/businesses/{business.Id}/resume", null)).StatusCode);
        await new ApiClient(api).SignInAsync(adminUser.Email);
    }

    [Fact]
    public async Task A_plan_change_moves_the_features_and_the_user_cap()
    {
        var (created, token) = await api.OperatorCreatesBusinessAsync(plan: "full");
        var (admin, _) = await api.AcceptedAsync(token);
        using var operatorClient = api.OperatorClient();

        var changed = await operatorClient.PutAsJsonAsync($"/api/operator/businesses/{created.Business.Id}/plan", new { plan = "basic" });

        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        var features = await admin.Http.GetFromJsonAsync<JsonElement>("/api/admin/features");
        Assert.Equal(["crm", "calls"], features.GetProperty("plan").EnumerateArray().Select(f => f.GetString()));
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.Http.GetAsync("/api/whatsapp/messages")).StatusCode);
        // basic allows 3 users: the admin and two invitations; the third invitation is over the cap.
        await admin.InviteAsync(new { email = $"a-{Guid.NewGuid():N}@test.local", role = "agent" });
        await admin.InviteAsync(new { phone = "054-555-0101", role = "agent" });
        var over = await admin.Http.PostAsJsonAsync("/api/admin/invitations", new { email = $"b-{Guid.NewGuid():N}@test.local", role = "agent" });
        Assert.Equal(HttpStatusCode.Conflict, over.StatusCode);
        Assert.Equal(3, (await over.ProblemAsync()).GetProperty("maxUsers").GetInt32());
        Assert.Equal(HttpStatusCode.BadRequest,
            (await operatorClient.PutAsJsonAsync($"/api/operator/businesses/{created.Business.Id}/plan", new { plan = "platinum" })).StatusCode);
    }

    [Fact]
    public async Task Creating_suspending_resuming_and_re_planning_are_in_the_business_audit_log_as_the_operator()
    {
        var (created, _) = await api.OperatorCreatesBusinessAsync(plan: "full");
        var id = created.Business.Id;
        using var operatorClient = api.OperatorClient();
        operatorClient.DefaultRequestHeaders.UserAgent.ParseAdd("OperatorConsole/2.0");
        Assert.Equal(HttpStatusCode.OK, (await operatorClient.PostAsync($"/api/operator/businesses/{id}/suspend", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await operatorClient.PostAsync($"/api/operator/businesses/{id}/resume", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await operatorClient.PutAsJsonAsync($"/api/operator/businesses/{id}/plan", new { plan = "basic" })).StatusCode);
        // A refused change (no such plan) changes nothing and records nothing.
        Assert.Equal(HttpStatusCode.BadRequest, (await operatorClient.PutAsJsonAsync($"/api/operator/businesses/{id}/plan", new { plan = "gold" })).StatusCode);

        var rows = await Audit.AuditTestSupport.RowsAsync(api, id);

        Assert.Equal(["business-created", "business-suspended", "business-resumed", "business-plan-changed"], rows.Select(row => row.Action));
        Assert.All(rows, row =>
        {
            Assert.Equal("operator", row.ActorType);
            Assert.Equal("operator", row.ActorName);
            Assert.Null(row.ActorId);
            Assert.Equal("business", row.TargetType);
            Assert.Equal(id.ToString(), row.TargetId);
            Assert.Equal(created.Business.Name, row.TargetLabel);
            Assert.Equal("127.0.0.1", row.Ip);
        });
        Assert.Equal("OperatorConsole/2.0", rows[^1].UserAgent);
        Assert.Equal("full", rows[0].Details().GetProperty("plan").GetString());
        var plan = rows[^1].Details();
        Assert.Equal("full", plan.GetProperty("old").GetProperty("plan").GetString());
        Assert.Equal("basic", plan.GetProperty("new").GetProperty("plan").GetString());
        Assert.Equal(["crm", "calls"], plan.GetProperty("new").GetProperty("features").EnumerateArray().Select(f => f.GetString()));
    }
}
