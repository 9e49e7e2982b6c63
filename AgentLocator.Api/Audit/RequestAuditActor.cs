using System.Security.Claims;
using AgentLocator.Api.Infrastructure.Auth;
using AgentLocator.Grains.Audit;

namespace AgentLocator.Api.Audit;

/// <summary>
/// Attaches who is asking (user, operator or nobody yet) and from which address and browser to the request, so every
/// audit row written while serving it, in an endpoint or in a grain it calls, names them. Runs after authentication.
/// </summary>
public static class RequestAuditActor
{
    public static IApplicationBuilder UseAuditActor(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        For(context).Attach();
        try
        {
            await next(context);
        }
        finally
        {
            AuditActor.Detach();
        }
    });

    public static AuditActor For(HttpContext context)
    {
        // The address as the server sees it: behind a proxy, the forwarded-headers middleware has already set it.
        var address = context.Connection.RemoteIpAddress;
        var ip = (address is { IsIPv4MappedToIPv6: true } ? address.MapToIPv4() : address)?.ToString();
        var userAgent = context.Request.Headers.UserAgent.ToString() is { Length: > 0 } agent ? agent : null;
        var user = context.User;
        if (user.Identities.Any(identity => identity.IsAuthenticated && identity.AuthenticationType == OperatorAccess.Scheme))
        {
            return new AuditActor(AuditActorTypes.Operator, null, null, "operator", ip, userAgent);
        }
        if (user.Identity?.IsAuthenticated == true
            && Guid.TryParse(user.FindFirstValue(AgentClaims.UserId), out var userId)
            && Guid.TryParse(user.FindFirstValue(AgentClaims.BusinessId), out var businessId))
        {
            return new AuditActor(AuditActorTypes.User, businessId, userId, user.FindFirstValue(AgentClaims.Name), ip, userAgent);
        }
        return new AuditActor(AuditActorTypes.Anonymous, null, null, null, ip, userAgent);
    }
}
