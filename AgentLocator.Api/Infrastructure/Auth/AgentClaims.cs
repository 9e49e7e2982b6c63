using System.Security.Claims;

namespace AgentLocator.Api.Infrastructure.Auth;

/// <summary>Claim names in our access tokens and typed readers for them.</summary>
public static class AgentClaims
{
    public const string UserId = "sub";
    public const string BusinessId = "bid";
    public const string SessionId = "sid";
    public const string Role = "role";
    public const string Email = "email";
    public const string Name = "name";

    public static Guid GetUserId(this ClaimsPrincipal principal) => ReadGuid(principal, UserId);

    public static Guid GetBusinessId(this ClaimsPrincipal principal) => ReadGuid(principal, BusinessId);

    public static Guid? FindSessionId(this ClaimsPrincipal principal) =>
        Guid.TryParse(principal.FindFirstValue(SessionId), out var id) ? id : null;

    private static Guid ReadGuid(ClaimsPrincipal principal, string type) =>
        Guid.TryParse(principal.FindFirstValue(type), out var id)
            ? id
            : throw new InvalidOperationException($"The access token has no '{type}' claim; the endpoint must require authorization.");
}
