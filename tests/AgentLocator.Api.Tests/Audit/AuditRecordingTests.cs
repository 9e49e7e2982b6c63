using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using AgentLocator.Api.Calls;
using AgentLocator.Api.Tests.Infrastructure;
using AgentLocator.Grains.Audit;
using AgentLocator.Grains.Data;
using Microsoft.EntityFrameworkCore;

namespace AgentLocator.Api.Tests.Audit;

/// <summary>What the product records as it happens, over real HTTP: who, from where, what changed; and nothing for what did not happen.</summary>
[Collection(ApiCollection.Name)]
public sealed class AuditRecordingTests(AgentLocatorApiFactory api)
{
    [Fact]
    public async Task A_sign_in_and_a_sign_out_are_recorded_with_the_user_address_and_browser()
    {
        var (client, business, admin) = await AuditTestSupport.AdminOfNewBusinessAsync(api);

        var logout = await client.Http.PostAsync("/api/auth/logout", null);

        Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        var rows = await AuditTestSupport.RowsAsync(api, business.Id);
        Assert.Equal([AuditActions.SignIn.Name, AuditActions.SignOut.Name], rows.Select(row => row.Action));
        Assert.All(rows, row =>
        {
            Assert.Equal(AuditActorTypes.User, row.ActorType);
            Assert.Equal(admin.Id, row.ActorId);
            Assert.Equal(admin.DisplayName, row.ActorName);
            Assert.Equal(AuditTargetTypes.User, row.TargetType);
            Assert.Equal(admin.Id.ToString(), row.TargetId);
            Assert.Equal(admin.Email, row.TargetLabel);
            Assert.Equal(AuditTestSupport.UserAgent, row.UserAgent);
            Assert.True(IPAddress.TryParse(row.Ip, out var ip) && IPAddress.IsLoopback(ip), row.Ip);
        });
        client.Dispose();
    }

    [Fact]
    public async Task Failed_sign_ins_and_the_lockout_are_recorded_and_never_the_password()
    {
        var (business, _) = await api.CreateBusinessAsync();
        var user = await api.CreateUserAsync(business.Name);
        using var client = new ApiClient(api);
        const string wrong = "not-the-password-Zq81";

        var statuses = new List<HttpStatusCode>();
        for (var attempt = 0; attempt < 6; attempt++)
        {
            statuses.Add((await client.Http.PostAsJsonAsync("/api/auth/login", new { email = user.Email, password = wrong })).StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
        var rows = await AuditTestSupport.RowsAsync(api, business.Id);
        // Every wrong password until the one that locks the account, that one, then each attempt while locked.
        var failuresBeforeLock = statuses.IndexOf(HttpStatusCode.TooManyRequests) - 1;
        string[] expected =
        [
            .. Enumerable.Repeat("sign-in-failed:wrong-password", failuresBeforeLock),
            "sign-in-locked-out:",
            .. Enumerable.Repeat("sign-in-failed:locked-out", statuses.Count(status => status == HttpStatusCode.TooManyRequests)),
        ];
        Assert.Equal(expected, rows.Select(row =>
            row.Action + ":" + (row.Details().TryGetProperty("reason", out var reason) ? reason.GetString() : "")));
        Assert.All(rows, row =>
        {
            Assert.Equal(AuditActorTypes.Anonymous, row.ActorType);
            Assert.Equal(user.Id.ToString(), row.TargetId);
            Assert.DoesNotContain(wrong, row.DetailsJson + row.TargetLabel + row.ActorName);
        });
    }

    [Fact]
    public async Task A_sign_in_to_an_unknown_email_is_recorded_for_no_business_and_answers_like_a_wrong_password()
    {
        var (business, admin) = await api.CreateBusinessAsync();
        using var client = new ApiClient(api);
        var unknown = $"nobody-{Guid.NewGuid():N}@test.local";

        var forUnknown = await client.Http.PostAsJsonAsync("/api/auth/login", new { email = unknown, password = "whatever-1" });
        var forKnown = await client.Http.PostAsJsonAsync("/api/auth/login", new { email = admin.Email, password = "whatever-1" });

        Assert.Equal(HttpStatusCode.Unauthorized, forUnknown.StatusCode);
        var (unknownProblem, knownProblem) = (await forUnknown.ProblemAsync(), await forKnown.ProblemAsync());
        Assert.Equal(knownProblem.GetProperty("title").GetString(), unknownProblem.GetProperty("title").GetString());
        Assert.Equal(knownProblem.GetProperty("detail").GetString(), unknownProblem.GetProperty("detail").GetString());
        await using var db = api.CreateDbContext();
        var row = await db.AuditLog.IgnoreQueryFilters().SingleAsync(r => r.TargetLabel == unknown);
        Assert.Null(row.BusinessId);
        Assert.Null(row.TargetId);
        Assert.Equal(AuditActions.SignInFailed.Name, row.Action);
        Assert.Equal("unknown-email", row.Details().GetProperty("reason").GetString());
        Assert.DoesNotContain(await AuditTestSupport.RowsAsync(api, business.Id), r => r.TargetLabel == unknown);
    }

    [Fact]
    public async Task Feature_changes_record_old_and_new_and_a_refused_or_empty_change_records_nothing()
    {
        var (client, business, _) = await AuditTestSupport.AdminOfNewBusinessAsync(api);
        var agent = await api.CreateUserAsync(business.Name);

        var narrowed = await client.Http.PutAsJsonAsync("/api/admin/features", new { features = new[] { "crm", "calls" } });
        var limited = await client.Http.PutAsJsonAsync($"/api/admin/users/{agent.Id}/features", new { features = new[] { "crm" } });
        // Saving what is already so changes nothing, and records nothing.
        await client.Http.PutAsJsonAsync("/api/admin/features", new { features = new[] { "calls", "crm" } });
        await client.Http.PutAsJsonAsync($"/api/admin/users/{agent.Id}/features", new { features = new[] { "crm" } });
        var refused = await client.Http.PutAsJsonAsync("/api/admin/users/" + Guid.NewGuid() + "/features", new { features = new[] { "crm" } });

        Assert.Equal(HttpStatusCode.OK, narrowed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, limited.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        var businessChange = Assert.Single(await AuditTestSupport.RowsAsync(api, business.Id, AuditActions.BusinessFeaturesChanged.Name));
        Assert.Equal(6, businessChange.Details().GetProperty("old").GetArrayLength());
        Assert.Equal(["crm", "calls"], businessChange.Details().GetProperty("new").EnumerateArray().Select(f => f.GetString()));
        Assert.Equal(AuditTestSupport.UserAgent, businessChange.UserAgent);
        var userChange = Assert.Single(await AuditTestSupport.RowsAsync(api, business.Id, AuditActions.UserFeaturesChanged.Name));
        Assert.Equal(agent.Id.ToString(), userChange.TargetId);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, userChange.Details().GetProperty("old").ValueKind);
        Assert.Equal(["crm"], userChange.Details().GetProperty("new").EnumerateArray().Select(f => f.GetString()));
        client.Dispose();
    }

    [Fact]
    public async Task A_change_the_plan_refuses_is_not_recorded()
    {
        var (business, admin) = await api.CreateBusinessAsync([Grains.Features.Feature.Crm]);
        using var client = new ApiClient(api);
        await client.SignInAsync(admin.Email);

        var refused = await client.Http.PutAsJsonAsync("/api/admin/features", new { features = new[] { "crm", "invoices" } });

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Empty(await AuditTestSupport.RowsAsync(api, business.Id, AuditActions.BusinessFeaturesChanged.Name));
    }

    [Fact]
    public async Task Deleting_and_restoring_a_customer_are_recorded_and_a_refused_restore_is_not()
    {
        var (client, business, admin) = await AuditTestSupport.AdminOfNewBusinessAsync(api);
        var phone = CustomerApiExtensions.NextMobile();
        var customer = await client.CreateCustomerAsync(new { name = "לקוח למחיקה", phone });
        var other = await client.CreateCustomerAsync(new { name = "לקוח שני", phone = CustomerApiExtensions.NextMobile() });

        Assert.Equal(HttpStatusCode.NoContent, (await client.Http.DeleteAsync($"/api/crm/customers/{customer.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.Http.PostAsync($"/api/crm/customers/{customer.Id}/restore", null)).StatusCode);
        // Deleted again, its phone given to another customer: the restore is refused, and so is its audit row.
        await client.Http.DeleteAsync($"/api/crm/customers/{customer.Id}");
        Assert.Equal(HttpStatusCode.OK, (await client.Http.PatchAsJsonAsync($"/api/crm/customers/{other.Id}", new { phone })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await client.Http.PostAsync($"/api/crm/customers/{customer.Id}/restore", null)).StatusCode);

        var rows = (await AuditTestSupport.RowsAsync(api, business.Id)).Where(row => row.TargetType == AuditTargetTypes.Customer).ToList();
        Assert.Equal([AuditActions.CustomerDeleted.Name, AuditActions.CustomerRestored.Name, AuditActions.CustomerDeleted.Name],
            rows.Select(row => row.Action));
        Assert.All(rows, row =>
        {
            Assert.Equal(customer.Id.ToString(), row.TargetId);
            Assert.Equal("לקוח למחיקה", row.TargetLabel);
            Assert.Equal(admin.Id, row.ActorId);
        });
        client.Dispose();
    }

    [Fact]
    public async Task An_export_records_its_filter_and_row_count_and_an_import_its_counts()
    {
        var (client, business, _) = await AuditTestSupport.AdminOfNewBusinessAsync(api);
        var csv = "שם,טלפון\r\nדני כהן,0521111111\r\nרוני כהן,0521111112\r\nגלי לוי,0521111113\r\n";
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", "לקוחות.csv");

        var import = await client.Http.PostAsync("/api/crm/customers/import", form);
        var export = await client.Http.GetAsync("/api/crm/customers/export.csv?q=" + Uri.EscapeDataString("כהן"));

        Assert.Equal(HttpStatusCode.OK, import.StatusCode);
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        await export.Content.ReadAsByteArrayAsync();
        var imported = Assert.Single(await AuditTestSupport.RowsAsync(api, business.Id, AuditActions.CustomersImported.Name)).Details();
        Assert.Equal(3, imported.GetProperty("created").GetInt32());
        Assert.Equal(0, imported.GetProperty("merged").GetInt32());
        Assert.Equal("לקוחות.csv", imported.GetProperty("fileName").GetString());
        var exported = Assert.Single(await AuditTestSupport.RowsAsync(api, business.Id, AuditActions.CustomersExported.Name)).Details();
        Assert.Equal(2, exported.GetProperty("rows").GetInt32());
        Assert.True(exported.GetProperty("completed").GetBoolean());
        Assert.Equal("כהן", exported.GetProperty("filter").GetProperty("q").GetString());
        client.Dispose();
    }

    [Fact]
    public async Task Call_settings_and_WhatsApp_sender_changes_record_only_what_changed()
    {
        var (client, business, _) = await AuditTestSupport.AdminOfNewBusinessAsync(api);
        var number = CustomerApiExtensions.NextMobile();

        var first = await client.Http.PutAsJsonAsync("/api/admin/call-settings", new CallSettingsRequest("שלום, הגעתם לבדיקה", null, null, null));
        var again = await client.Http.PutAsJsonAsync("/api/admin/call-settings", new CallSettingsRequest("שלום, הגעתם לבדיקה", null, null, null));
        var sender = await client.Http.PutAsJsonAsync("/api/whatsapp/settings", new { senderNumber = number });

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(HttpStatusCode.OK, sender.StatusCode);
        var settings = Assert.Single(await AuditTestSupport.RowsAsync(api, business.Id, AuditActions.CallSettingsChanged.Name)).Details();
        Assert.Equal(["greetingText"], settings.EnumerateObject().Select(p => p.Name));
        Assert.Equal("שלום, הגעתם לבדיקה", settings.GetProperty("greetingText").GetProperty("new").GetString());
        var whatsApp = Assert.Single(await AuditTestSupport.RowsAsync(api, business.Id, AuditActions.WhatsAppSenderChanged.Name)).Details();
        Assert.Equal(System.Text.Json.JsonValueKind.Null, whatsApp.GetProperty("old").ValueKind);
        Assert.Equal(number, whatsApp.GetProperty("new").GetString());
        client.Dispose();
    }
}
