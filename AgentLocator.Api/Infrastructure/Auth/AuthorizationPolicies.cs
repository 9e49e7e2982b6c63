namespace AgentLocator.Api.Infrastructure.Auth;

public static class AuthorizationPolicies
{
    public const string Admin = "admin";
}
