namespace AgentLocator.Api.Auth;

public static class AuthorizationPolicies
{
    public const string Admin = "admin";
}
