using System.Text.Json;
using AgentLocator.Grains.Data;
using Microsoft.EntityFrameworkCore;
using StackExchange.Redis;

namespace AgentLocator.Api.Accounts;

/// <summary>
/// Whose sessions ended: one user's (all but <see cref="ExceptSessionId"/> when set) or a whole business's. Published on
/// Redis so every API instance closes the hub connections it holds, whichever process ended them (the operator's
/// command line included).
/// </summary>
public sealed record SessionsEnded(Guid BusinessId, Guid? UserId, Guid? ExceptSessionId, string Reason)
{
    public const string Channel = "agentlocator:sessions-ended";

    public bool Covers(Guid businessId, Guid userId, Guid? sessionId) =>
        businessId == BusinessId && (UserId is null || UserId == userId) && (ExceptSessionId is null || sessionId != ExceptSessionId);
}

/// <summary>
/// Ends sessions at once: revokes their refresh tokens in Postgres (every access token is checked against its
/// session, see <see cref="ActiveSessionCheck"/>) and tells every instance to close the live connections.
/// </summary>
public sealed class SessionEnder(IConnectionMultiplexer redis, TimeProvider clock, ILogger<SessionEnder> logger)
{
    public async Task<int> EndAsync(AgentLocatorDbContext db, SessionsEnded ended, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var revoked = await db.AuthSessions.IgnoreQueryFilters()
            .Where(s => s.BusinessId == ended.BusinessId && s.RevokedAt == null)
            .Where(s => ended.UserId == null || s.UserId == ended.UserId)
            .Where(s => ended.ExceptSessionId == null || s.Id != ended.ExceptSessionId)
            .ExecuteUpdateAsync(set => set.SetProperty(s => s.RevokedAt, now).SetProperty(s => s.RevokedReason, ended.Reason), cancellationToken);
        await PublishAsync(redis, ended, logger);
        return revoked;
    }

    /// <summary>Tells every instance; a Redis outage only delays the close until the connection's next call or reconnect.</summary>
    public static async Task PublishAsync(IConnectionMultiplexer redis, SessionsEnded ended, ILogger logger)
    {
        try
        {
            await redis.GetSubscriber().PublishAsync(RedisChannel.Literal(SessionsEnded.Channel), JsonSerializer.Serialize(ended));
        }
        catch (Exception error) when (error is RedisException or TimeoutException)
        {
            logger.LogWarning(error, "Could not announce ended sessions of business {BusinessId}; open connections close on their next reconnect", ended.BusinessId);
        }
    }
}
