using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AgentLocator.Api.Accounts;
using AgentLocator.Api.Tests.Infrastructure;
using AgentLocator.Grains.Features;
using Microsoft.EntityFrameworkCore;

namespace AgentLocator.Api.Tests.Accounts;

/// <summary>An admin invites users with a one-time link; the invitee chooses a good password and lands signed in.</summary>
[Collection(ApiCollection.Name)]
public sealed class InvitationTests(AgentLocatorApiFactory api)
{
    private async Task<ApiClient> NewAdminAsync(params Feature[] plan)
    {
        var (_, owner) = await api.CreateBusinessAsync(plan.Length == 0 ? null : plan);
        return await api.SignedInAsync(owner);
    }

    [Fact]
    public async Task An_invited_agent_sets_a_password_and_gets_the_role_and_features_of_the_invitation()
    {
        using var admin = await NewAdminAsync();
        var email = $"Agent-{Guid.NewGuid():N}@Test.local";
        var token = await admin.InviteAsync(new { email, role = "agent", features = new[] { "crm" } });

        using var anonymous = new ApiClient(api);
        var link = await anonymous.Http.GetFromJsonAsync<AccountLinkResponse>($"/api/account-links/{token}", JsonSerializerOptions.Web);
        Assert.Equal("invitation", link!.Kind);
        Assert.Equal(email.ToLowerInvariant(), link.Email);
        Assert.False(link.NeedsEmail);

        var (agent, auth) = await api.AcceptedAsync(token, "סוכן חדש");

        Assert.Equal("agent", auth.User.Role);
        Assert.Equal("סוכן חדש", auth.User.DisplayName);
        var me = await agent.Http.GetFromJsonAsync<JsonElement>("/api/me");
        Assert.Equal(["crm"], me.GetProperty("features").EnumerateArray().Select(f => f.GetString()));
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.Http.GetAsync("/api/calls")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.Http.GetAsync("/api/admin/users")).StatusCode);
        var open = await admin.Http.GetFromJsonAsync<List<InvitationResponse>>("/api/admin/invitations", JsonSerializerOptions.Web);
        Assert.Empty(open!);
    }

    [Theory]
    [InlineData("short1!", "password")]
    [InlineData("password123", "password")]
    [InlineData("qwertyuiop1234", "password")]
    [InlineData("aaaaaaaaaaaa", "password")]
    public async Task Short_or_common_passwords_are_refused_naming_the_field_and_the_link_stays_usable(string password, string field)
    {
        using var admin = await NewAdminAsync();
        var token = await admin.InviteAsync(new { email = $"p-{Guid.NewGuid():N}@test.local", role = "agent" });
        using var invitee = new ApiClient(api);

        var refused = await invitee.AcceptAsync(token, new { displayName = "חלשה", password });

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.True((await refused.ProblemAsync()).GetProperty("errors").TryGetProperty(field, out _));
        await api.AcceptedAsync(token);
    }

    [Fact]
    public void The_common_password_list_is_large_and_refuses_typical_forms()
    {
        Assert.True(PasswordPolicy.CommonCount > 5000);
        Assert.True(PasswordPolicy.IsCommon("Password2024"));
        Assert.True(PasswordPolicy.IsCommon("1q2w3e4r5t"));
        Assert.Null(PasswordPolicy.Problem(AccountsTestSupport.StrongPassword));
    }

    [Fact]
    public async Task A_phone_invitation_asks_for_the_email_to_sign_in_with()
    {
        using var admin = await NewAdminAsync();
        var token = await admin.InviteAsync(new { phone = "052-555-0199", role = "admin" });
        using var invitee = new ApiClient(api);
        var link = await invitee.Http.GetFromJsonAsync<AccountLinkResponse>($"/api/account-links/{token}", JsonSerializerOptions.Web);
        Assert.True(link!.NeedsEmail);
        Assert.Equal("+972525550199", link.Phone);

        var withoutEmail = await invitee.AcceptAsync(token, new { displayName = "מנהלת", password = AccountsTestSupport.StrongPassword });
        Assert.Equal(HttpStatusCode.BadRequest, withoutEmail.StatusCode);

        var email = $"phone-{Guid.NewGuid():N}@test.local";
        var (_, auth) = await api.AcceptedAsync(token, "מנהלת", email);
        Assert.Equal(email, auth.User.Email);
        Assert.Equal("admin", auth.User.Role);
    }

    [Fact]
    public async Task Invitations_outside_the_plan_or_for_a_taken_email_are_409_and_bad_fields_400()
    {
        using var admin = await NewAdminAsync(Feature.Crm);
        var outside = await admin.Http.PostAsJsonAsync("/api/admin/invitations", new { email = $"x-{Guid.NewGuid():N}@test.local", role = "agent", features = new[] { "calls" } });
        Assert.Equal(HttpStatusCode.Conflict, outside.StatusCode);
        var taken = await admin.Http.PostAsJsonAsync("/api/admin/invitations", new { email = "agent@demo.local", role = "agent" });
        Assert.Equal(HttpStatusCode.Conflict, taken.StatusCode);
        var bad = await admin.Http.PostAsJsonAsync("/api/admin/invitations", new { role = "owner" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await bad.ProblemAsync()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("email", out _));
        Assert.True(errors.TryGetProperty("role", out _));
    }

    [Fact]
    public async Task A_revoked_invitation_and_a_garbage_token_are_404()
    {
        using var admin = await NewAdminAsync();
        var response = await admin.Http.PostAsJsonAsync("/api/admin/invitations", new { email = $"r-{Guid.NewGuid():N}@test.local", role = "agent" });
        var invitation = (await response.Content.ReadFromJsonAsync<InvitationResponse>(JsonSerializerOptions.Web))!;

        Assert.Equal(HttpStatusCode.NoContent, (await admin.Http.DeleteAsync($"/api/admin/invitations/{invitation.Id}")).StatusCode);

        using var invitee = new ApiClient(api);
        Assert.Equal(HttpStatusCode.NotFound, (await invitee.Http.GetAsync($"/api/account-links/{AccountsTestSupport.TokenOf(invitation.Url!)}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await invitee.Http.GetAsync("/api/account-links/not-a-token")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await invitee.AcceptAsync(new string('A', 43), new { displayName = "x", password = AccountsTestSupport.StrongPassword })).StatusCode);
    }

    [Fact]
    public async Task Only_the_hash_of_the_token_is_stored()
    {
        using var admin = await NewAdminAsync();
        var token = await admin.InviteAsync(new { email = $"h-{Guid.NewGuid():N}@test.local", role = "agent" });
        await using var db = api.CreateDbContext();
        var stored = await db.AccountLinks.IgnoreQueryFilters().SingleAsync(l => l.TokenHash == AccountLinkTokens.Hash(token));
        Assert.Equal(32, stored.TokenHash.Length);
        Assert.DoesNotContain(token, System.Text.Encoding.ASCII.GetString(stored.TokenHash));
        Assert.True(stored.ExpiresAt - stored.CreatedAt == AccountLinkTokens.Lifetime);
    }
}
