using System.Text.Json;
using AgentLocator.Grains.Data;
using Microsoft.EntityFrameworkCore;
using StackExchange.Redis;

namespace AgentLocator.Api.Accounts;

/// <summary>
/// Whose sessions ended: one user's (all but <see cref="ExceptSessionId"/> when set; only <see cref="OnlySessionId"/> when
/// that is set, as for signing out) or a whole business's. Published on Redis so every API instance forgets them
/// (<see cref="LiveSessions"/>) and closes the hub connections it holds, whichever process ended them (the operator's
/// command line included).
/// </summary>
public sealed record SessionsEnded(Guid BusinessId, Guid? UserId, Guid? ExceptSessionId, string Reason, Guid? OnlySessionId = null)
{
    public const string Channel = "agentlocator:sessions-ended";

    public bool Covers(Guid businessId, Guid userId, Guid? sessionId) =>
        businessId == BusinessId && (UserId is null || UserId == userId) && (ExceptSessionId is null || sessionId != ExceptSessionId)
        && (OnlySessionId is null || sessionId == OnlySessionId);
}

/// <summary>
/// Ends sessions at once: revokes their refresh tokens in Postgres (every access token is checked against its
/// session, see <see cref="ActiveSessionCheck"/>) and tells every instance to close the live connections.
/// </summary>
public sealed class SessionEnder(IConnectionMultiplexer redis, TimeProvider clock, ILogger<SessionEnder> logger, LiveSessions? live = null,
    Account.MeCache? me = null)
{
    public async Task<int> EndAsync(AgentLocatorDbContext db, SessionsEnded ended, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var revoked = await db.AuthSessions.IgnoreQueryFilters()
            .Where(s => s.BusinessId == ended.BusinessId && s.RevokedAt == null)
            .Where(s => ended.UserId == null || s.UserId == ended.UserId)
            .Where(s => ended.ExceptSessionId == null || s.Id != ended.ExceptSessionId)
            .ExecuteUpdateAsync(set => set.SetProperty(s => s.RevokedAt, now).SetProperty(s => s.RevokedReason, ended.Reason), cancellationToken);
        await AnnounceAsync(ended);
        return revoked;
    }

    /// <summary>
    /// For sessions already revoked in Postgres: forgotten here at once (the caller's next request is checked against
    /// the database), then on every other instance through Redis. The operator's command line has no cache of its own.
    /// </summary>
    public async Task AnnounceAsync(SessionsEnded ended)
    {
        live?.Forget(ended);
        me?.Forget(ended);
        await PublishAsync(redis, ended, logger);
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
