using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AgentLocator.Api.Accounts;
using AgentLocator.Api.Admin;
using AgentLocator.Api.Tests.Infrastructure;
using AgentLocator.Grains.Data;
using AgentLocator.Grains.Data.Entities;
using Microsoft.AspNetCore.SignalR.Client;

namespace AgentLocator.Api.Tests.Accounts;

/// <summary>Admins change roles, disable and enable users and issue reset links; users change their password and end other sessions.</summary>
[Collection(ApiCollection.Name)]
public sealed class UserAdministrationTests(AgentLocatorApiFactory api)
{
    private async Task<(Business Business, ApiClient Admin, User AdminUser)> NewBusinessAsync()
    {
        var (business, owner) = await api.CreateBusinessAsync();
        return (business, await api.SignedInAsync(owner), owner);
    }

    [Fact]
    public async Task Disabling_a_user_signs_them_out_at_once_and_their_tasks_stay()
    {
        var (business, admin, _) = await NewBusinessAsync();
        var agentUser = await api.CreateUserAsync(business.Name);
        using var agent = new ApiClient(api);
        var auth = await agent.SignInAsync(agentUser.Email);
        var customer = await agent.CreateCustomerAsync(new { name = "לקוחה של הסוכן" });
        var task = await agent.Http.PostAsJsonAsync("/api/tasks", new
        {
            title = "להתקשר ללקוח", customer_id = customer.Id, dueAt = DateTimeOffset.UtcNow.AddDays(1), assigneeId = agentUser.Id,
        });
        Assert.True(task.IsSuccessStatusCode, await task.Content.ReadAsStringAsync());
        var (hub, sessionEnded, closed) = await api.ConnectHubAsync(auth.AccessToken);
        await using var _ = hub;

        var disabled = await admin.Http.PostAsync($"/api/admin/users/{agentUser.Id}/disable", null);

        Assert.Equal(HttpStatusCode.OK, disabled.StatusCode);
        Assert.Equal("disabled", (await disabled.Content.ReadFromJsonAsync<ManagedUserResponse>(JsonSerializerOptions.Web))!.Status);
        Assert.Equal("user-disabled", await sessionEnded.WaitAsync(AccountsTestSupport.Patience));
        await closed.WaitAsync(AccountsTestSupport.Patience);
        Assert.Equal(HttpStatusCode.Unauthorized, (await agent.Http.GetAsync("/api/tasks/")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await agent.Http.PostAsync("/api/auth/refresh", null)).StatusCode);
        var refused = await new ApiClient(api).Http.PostAsJsonAsync("/api/auth/login", new { email = agentUser.Email, password = DevelopmentSeed.DemoPassword });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("המשתמש הושבת.", (await refused.ProblemAsync()).GetProperty("title").GetString());
        var users = await admin.Http.GetFromJsonAsync<List<AdminUserResponse>>("/api/admin/users", JsonSerializerOptions.Web);
        Assert.Equal("disabled", users!.Single(u => u.Id == agentUser.Id).Status);
        var tasks = await admin.Http.GetFromJsonAsync<JsonElement>($"/api/tasks/?assignee={agentUser.Id}");
        Assert.Contains("להתקשר ללקוח", tasks.GetRawText());

        Assert.Equal(HttpStatusCode.OK, (await admin.Http.PostAsync($"/api/admin/users/{agentUser.Id}/enable", null)).StatusCode);
        await new ApiClient(api).SignInAsync(agentUser.Email);
    }

    [Fact]
    public async Task The_last_admin_cannot_be_demoted_or_disabled_but_another_admin_can_be()
    {
        var (business, admin, adminUser) = await NewBusinessAsync();

        var demote = await admin.Http.PutAsJsonAsync($"/api/admin/users/{adminUser.Id}/role", new { role = "agent" });
        Assert.Equal(HttpStatusCode.Conflict, demote.StatusCode);
        Assert.Equal(UsersAdminApi.LastAdminProblemType, (await demote.ProblemAsync()).GetProperty("type").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await admin.Http.PostAsync($"/api/admin/users/{adminUser.Id}/disable", null)).StatusCode);

        var second = await api.CreateUserAsync(business.Name);
        var promoted = await admin.Http.PutAsJsonAsync($"/api/admin/users/{second.Id}/role", new { role = "admin" });
        Assert.Equal(HttpStatusCode.OK, promoted.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.Http.PutAsJsonAsync($"/api/admin/users/{adminUser.Id}/role", new { role = "agent" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.Http.PutAsJsonAsync($"/api/admin/users/{second.Id}/role", new { role = "owner" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.Http.PostAsync($"/api/admin/users/{Guid.NewGuid()}/disable", null)).StatusCode);
    }

    [Fact]
    public async Task A_user_of_another_business_is_404()
    {
        var (_, admin, _) = await NewBusinessAsync();
        var stranger = await api.CreateUserAsync(DevelopmentSeed.DemoBusinessName);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.Http.PostAsync($"/api/admin/users/{stranger.Id}/disable", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.Http.PostAsync($"/api/admin/users/{stranger.Id}/password-reset", null)).StatusCode);
    }

    [Fact]
    public async Task A_reset_link_sets_a_new_password_ends_the_old_sessions_and_signs_in()
    {
        var (business, admin, _) = await NewBusinessAsync();
        var agentUser = await api.CreateUserAsync(business.Name);
        using var oldSession = new ApiClient(api);
        await oldSession.SignInAsync(agentUser.Email);

        var issued = await admin.Http.PostAsync($"/api/admin/users/{agentUser.Id}/password-reset", null);
        Assert.Equal(HttpStatusCode.Created, issued.StatusCode);
        var link = (await issued.Content.ReadFromJsonAsync<AccountLinkIssued>(JsonSerializerOptions.Web))!;
        Assert.Contains("/reset-password/", link.Url);
        var token = AccountsTestSupport.TokenOf(link.Url);
        using var browser = new ApiClient(api);
        var shown = await browser.Http.GetFromJsonAsync<AccountLinkResponse>($"/api/account-links/{token}", JsonSerializerOptions.Web);
        Assert.Equal("password-reset", shown!.Kind);
        Assert.Equal(agentUser.Email, shown.Email);

        var (_, auth) = await api.AcceptedAsync(token);

        Assert.Equal(agentUser.Id, auth.User.Id);
        Assert.Equal(HttpStatusCode.Unauthorized, (await oldSession.Http.GetAsync("/api/me")).StatusCode);
        await new ApiClient(api).SignInAsync(agentUser.Email, AccountsTestSupport.StrongPassword);
        var oldPassword = await new ApiClient(api).Http.PostAsJsonAsync("/api/auth/login", new { email = agentUser.Email, password = DevelopmentSeed.DemoPassword });
        Assert.Equal(HttpStatusCode.Unauthorized, oldPassword.StatusCode);
    }

    [Fact]
    public async Task Changing_ones_own_password_needs_the_current_one_and_signs_out_the_other_sessions()
    {
        var (business, _, _) = await NewBusinessAsync();
        var user = await api.CreateUserAsync(business.Name);
        using var here = new ApiClient(api);
        await here.SignInAsync(user.Email);
        using var elsewhere = new ApiClient(api);
        await elsewhere.SignInAsync(user.Email);

        var wrong = await here.Http.PutAsJsonAsync("/api/me/password", new { currentPassword = "not-it", newPassword = AccountsTestSupport.StrongPassword });
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.True((await wrong.ProblemAsync()).GetProperty("errors").TryGetProperty("currentPassword", out _));
        var weak = await here.Http.PutAsJsonAsync("/api/me/password", new { currentPassword = DevelopmentSeed.DemoPassword, newPassword = "1234567890" });
        Assert.True((await weak.ProblemAsync()).GetProperty("errors").TryGetProperty("newPassword", out _));

        var changed = await here.Http.PutAsJsonAsync("/api/me/password", new { currentPassword = DevelopmentSeed.DemoPassword, newPassword = AccountsTestSupport.StrongPassword });

        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal(1, (await changed.Content.ReadFromJsonAsync<SessionsEndedResponse>(JsonSerializerOptions.Web))!.Ended);
        Assert.Equal(HttpStatusCode.OK, (await here.Http.GetAsync("/api/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await here.Http.PostAsync("/api/auth/refresh", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await elsewhere.Http.GetAsync("/api/me")).StatusCode);
        await new ApiClient(api).SignInAsync(user.Email, AccountsTestSupport.StrongPassword);
    }

    [Fact]
    public async Task Signing_out_other_sessions_closes_their_tabs_and_keeps_this_one()
    {
        var (business, _, _) = await NewBusinessAsync();
        var user = await api.CreateUserAsync(business.Name);
        using var here = new ApiClient(api);
        var hereAuth = await here.SignInAsync(user.Email);
        using var elsewhere = new ApiClient(api);
        var elsewhereAuth = await elsewhere.SignInAsync(user.Email);
        var (otherHub, otherEnded, otherClosed) = await api.ConnectHubAsync(elsewhereAuth.AccessToken);
        await using var _ = otherHub;
        var (thisHub, _, _) = await api.ConnectHubAsync(hereAuth.AccessToken);
        await using var __ = thisHub;

        var response = await here.Http.PostAsync("/api/me/sign-out-others", null);

        Assert.Equal(1, (await response.Content.ReadFromJsonAsync<SessionsEndedResponse>(JsonSerializerOptions.Web))!.Ended);
        Assert.Equal("signed-out-elsewhere", await otherEnded.WaitAsync(AccountsTestSupport.Patience));
        await otherClosed.WaitAsync(AccountsTestSupport.Patience);
        Assert.Equal(HttpStatusCode.Unauthorized, (await elsewhere.Http.GetAsync("/api/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await here.Http.GetAsync("/api/me")).StatusCode);
        Assert.Equal(user.Id.ToString(), await thisHub.InvokeAsync<string>("Ping"));
    }
}
