using System.Net;
using System.Net.Http.Json;
using AgentLocator.Api.Tests.Infrastructure;
using AgentLocator.Grains.Audit;

namespace AgentLocator.Api.Tests.Audit;

/// <summary>An admin's changes to the business's users and invitations, and a user's own password, land in the audit log.</summary>
[Collection(ApiCollection.Name)]
public sealed class AuditUserAdministrationTests(AgentLocatorApiFactory api)
{
    [Fact]
    public async Task Role_changes_disabling_enabling_reset_links_and_invitations_are_recorded_by_the_admin_who_made_them()
    {
        var (client, business, admin) = await AuditTestSupport.AdminOfNewBusinessAsync(api);
        var agent = await api.CreateUserAsync(business.Name);
        var invitee = $"invitee-{Guid.NewGuid():N}@test.local";

        Assert.Equal(HttpStatusCode.OK, (await client.Http.PutAsJsonAsync($"/api/admin/users/{agent.Id}/role", new { role = "admin" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.Http.PutAsJsonAsync($"/api/admin/users/{agent.Id}/role", new { role = "admin" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.Http.PostAsync($"/api/admin/users/{agent.Id}/disable", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.Http.PostAsync($"/api/admin/users/{agent.Id}/enable", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await client.Http.PostAsync($"/api/admin/users/{agent.Id}/password-reset", null)).StatusCode);
        var invited = await client.Http.PostAsJsonAsync("/api/admin/invitations", new { email = invitee, role = "agent" });
        Assert.Equal(HttpStatusCode.Created, invited.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await client.Http.DeleteAsync(invited.Headers.Location)).StatusCode);

        var rows = (await AuditTestSupport.RowsAsync(api, business.Id)).Where(row => row.Action != AuditActions.SignIn.Name).ToList();
        // The second, unchanged role request records nothing.
        Assert.Equal(
            [AuditActions.UserRoleChanged.Name, AuditActions.UserDisabled.Name, AuditActions.UserEnabled.Name,
             AuditActions.PasswordResetIssued.Name, AuditActions.InvitationCreated.Name, AuditActions.InvitationRevoked.Name],
            rows.Select(row => row.Action));
        Assert.All(rows, row => Assert.Equal(admin.Id, row.ActorId));
        Assert.All(rows.Take(4), row => Assert.Equal(agent.Id.ToString(), row.TargetId));
        Assert.All(rows.Skip(4), row => Assert.Equal(invitee, row.TargetLabel));
        var role = rows[0].Details();
        Assert.Equal("agent", role.GetProperty("old").GetString());
        Assert.Equal("admin", role.GetProperty("new").GetString());
    }

    [Fact]
    public async Task A_users_own_password_change_and_signing_out_other_sessions_are_recorded()
    {
        var (client, business, admin) = await AuditTestSupport.AdminOfNewBusinessAsync(api);

        var changed = await client.Http.PutAsJsonAsync("/api/me/password",
            new { currentPassword = Grains.Data.DevelopmentSeed.DemoPassword, newPassword = "a-much-longer-Passphrase-93" });
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.Http.PostAsync("/api/me/sign-out-others", null)).StatusCode);

        var rows = (await AuditTestSupport.RowsAsync(api, business.Id)).Where(row => row.Action != AuditActions.SignIn.Name).ToList();
        Assert.Equal([AuditActions.PasswordChanged.Name, AuditActions.OtherSessionsSignedOut.Name], rows.Select(row => row.Action));
        Assert.All(rows, row => Assert.Equal(admin.Id, row.ActorId));
        Assert.DoesNotContain(rows, row => row.DetailsJson.Contains("Passphrase", StringComparison.Ordinal));
    }
}
