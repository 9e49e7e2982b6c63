using AgentLocator.Grains.Tenancy;

namespace AgentLocator.Api.Infrastructure.Auth;

/// <summary>The tenant of an HTTP request is the business in its access token, and nothing the client sends otherwise.</summary>
public sealed class HttpTenantContext(IHttpContextAccessor accessor) : ITenantContext
{
    public Guid? BusinessId
    {
        get
        {
            var user = accessor.HttpContext?.User;
            return user?.Identity?.IsAuthenticated == true && Guid.TryParse(user.FindFirst(AgentClaims.BusinessId)?.Value, out var id)
                ? id
                : null;
        }
    }
}
