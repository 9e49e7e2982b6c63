using System.Collections.Concurrent;

namespace AgentLocator.Api.Accounts;

/// <summary>
/// Sessions this instance has recently found live in Postgres, so <see cref="ActiveSessionCheck"/> reads the database
/// once per session per <see cref="TimeToLive"/> instead of on every request. Ending stays immediate: every ending goes
/// through <see cref="SessionEnder"/>, which forgets the sessions here at once and on every other instance through the
/// same Redis message that closes their hub connections (<see cref="HubConnections"/>). The time to live bounds only
/// what a lost message (Redis down) can leave behind.
/// </summary>
public sealed class LiveSessions(TimeProvider clock)
{
    public static readonly TimeSpan TimeToLive = TimeSpan.FromSeconds(15);

    private sealed record Entry(Guid BusinessId, Guid UserId, DateTimeOffset CheckedAt);

    private readonly ConcurrentDictionary<Guid, Entry> live = new();

    // Bumped by every ending: a check that read the database before an ending cannot store its stale "live" after it.
    private long generation;

    public long Generation => Interlocked.Read(ref generation);

    public bool IsLive(Guid sessionId) =>
        live.TryGetValue(sessionId, out var entry) && clock.GetUtcNow() - entry.CheckedAt < TimeToLive;

    /// <summary>Remembers a session the database just called live, unless an ending happened since <paramref name="checkedAtGeneration"/>.</summary>
    public void Remember(Guid sessionId, Guid businessId, Guid userId, long checkedAtGeneration)
    {
        live[sessionId] = new Entry(businessId, userId, clock.GetUtcNow());
        if (Generation != checkedAtGeneration)
        {
            live.TryRemove(sessionId, out _);
        }
    }

    public void ForgetAll()
    {
        Interlocked.Increment(ref generation);
        live.Clear();
    }

    public void Forget(SessionsEnded ended)
    {
        Interlocked.Increment(ref generation);
        foreach (var (sessionId, entry) in live)
        {
            if (ended.Covers(entry.BusinessId, entry.UserId, sessionId))
            {
                live.TryRemove(sessionId, out _);
            }
        }
    }
}
