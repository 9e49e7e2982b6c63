using AgentLocator.Api.Infrastructure.Auth;
using AgentLocator.Grains.Data;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.EntityFrameworkCore;

namespace AgentLocator.Api.Accounts;

/// <summary>
/// An access token counts only while its session is live, its user enabled and its business not suspended: a lookup
/// by primary key, remembered for a few seconds (<see cref="LiveSessions"/>), so signing a user out (disable, suspend,
/// "sign out other sessions", sign out) takes effect on the next request rather than when the token expires: every
/// ending forgets the sessions it ended, on every instance.
/// </summary>
public static class ActiveSessionCheck
{
    public static async Task ValidateAsync(TokenValidatedContext context)
    {
        var principal = context.Principal;
        if (principal?.FindSessionId() is not { } sessionId)
        {
            context.Fail("The access token names no session.");
            return;
        }
        var services = context.HttpContext.RequestServices;
        var sessions = services.GetRequiredService<LiveSessions>();
        if (sessions.IsLive(sessionId))
        {
            return;
        }
        var generation = sessions.Generation;
        var db = services.GetRequiredService<AgentLocatorDbContext>();
        var live = await db.AuthSessions.IgnoreQueryFilters().AsNoTracking()
            .Where(s => s.Id == sessionId && s.RevokedAt == null)
            .AnyAsync(s => s.User!.DisabledAt == null && s.User.Business!.SuspendedAt == null, context.HttpContext.RequestAborted);
        if (!live)
        {
            context.Fail("The session has ended.");
            return;
        }
        sessions.Remember(sessionId, principal.GetBusinessId(), principal.GetUserId(), generation);
    }
}
