using System.Collections.Concurrent;
using AgentLocator.Api.Accounts;

namespace AgentLocator.Api.Account;

/// <summary>
/// What <c>/api/me</c> adds to the token's claims (the business's name, time zone and number, and the user's effective
/// features), remembered per instance so a warm <c>/api/me</c> reads neither Postgres nor the business grain.
/// Forgotten at once here and on every instance through the existing Redis messages: <c>business-changed</c> (features
/// set by an admin, the plan changed by the operator, the Twilio number changed; <see cref="BusinessChanges"/>) and
/// <c>sessions-ended</c> (a user disabled, suspended or signed out; <see cref="HubConnections"/>). The time to live
/// bounds only what a lost message (Redis down) can leave behind.
/// </summary>
public sealed class MeCache(TimeProvider clock)
{
    public static readonly TimeSpan TimeToLive = TimeSpan.FromSeconds(30);

    public sealed record Entry(BusinessResponse Business, IReadOnlyList<string> Features, DateTimeOffset LoadedAt);

    private readonly ConcurrentDictionary<(Guid BusinessId, Guid UserId), Entry> entries = new();

    // Bumped by every forgetting: a load that started before it cannot store what it read after it.
    private long generation;

    public long Generation => Interlocked.Read(ref generation);

    public Entry? Find(Guid businessId, Guid userId) =>
        entries.TryGetValue((businessId, userId), out var entry) && clock.GetUtcNow() - entry.LoadedAt < TimeToLive ? entry : null;

    /// <summary>Stores a load unless something was forgotten since <paramref name="loadedAtGeneration"/>.</summary>
    public Entry Remember(Guid businessId, Guid userId, BusinessResponse business, IReadOnlyList<string> features, long loadedAtGeneration)
    {
        var entry = new Entry(business, features, clock.GetUtcNow());
        entries[(businessId, userId)] = entry;
        if (Generation != loadedAtGeneration)
        {
            entries.TryRemove((businessId, userId), out _);
        }
        return entry;
    }

    public void ForgetBusiness(Guid businessId) => ForgetWhere(key => key.BusinessId == businessId);

    /// <summary>Any ending of a user's sessions (even one) forgets that user: the next /api/me reads them again.</summary>
    public void Forget(SessionsEnded ended) =>
        ForgetWhere(key => key.BusinessId == ended.BusinessId && (ended.UserId is null || ended.UserId == key.UserId));

    public void ForgetAll()
    {
        Interlocked.Increment(ref generation);
        entries.Clear();
    }

    private void ForgetWhere(Func<(Guid BusinessId, Guid UserId), bool> matches)
    {
        Interlocked.Increment(ref generation);
        foreach (var key in entries.Keys)
        {
            if (matches(key))
            {
                entries.TryRemove(key, out _);
            }
        }
    }
}
