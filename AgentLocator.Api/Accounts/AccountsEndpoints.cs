using AgentLocator.Api.Infrastructure.Auth;

namespace AgentLocator.Api.Accounts;

public static class AccountsEndpoints
{
    /// <summary>Invitations, user administration, one-time links and the user's own password and sessions.</summary>
    public static IEndpointRouteBuilder MapAccountsApi(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/api/admin").RequireAuthorization(AuthorizationPolicies.Admin).WithTags("Admin");
        admin.MapInvitations();
        admin.MapUserAdministration();
        app.MapAccountLinks();
        app.MapOwnAccount();
        return app;
    }
}
