using AgentLocator.Grains.Data;
using AgentLocator.Grains.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace AgentLocator.Grains.Calls;

/// <summary>
/// A customer's open callback: the follow-up task calls from one customer share while it is open, so a customer who
/// calls three times gives the agent one task saying so, not three. Done or deleted, it is finished with, and the
/// next call makes a new one.
/// </summary>
internal static class CustomerCallbacks
{
    /// <summary>
    /// Holds the customer's callback lock until disposed: the follow-up work of two calls from one customer (in any
    /// grain, on any silo) takes turns, so the second sees the task the first made. A session lock on the context's own
    /// connection rather than a transaction, so every save stays its own commit (the timeline pushes after each).
    /// </summary>
    public static async Task<IAsyncDisposable> SerializeAsync(AgentLocatorDbContext db, Guid customerId)
    {
        var key = LockKey(customerId);
        await db.Database.OpenConnectionAsync();
        await db.Database.ExecuteSqlInterpolatedAsync($"SELECT pg_advisory_lock({key})");
        return new Held(db, key);
    }

    private sealed class Held(AgentLocatorDbContext db, long key) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                await db.Database.ExecuteSqlInterpolatedAsync($"SELECT pg_advisory_unlock({key})");
            }
            finally
            {
                // Closing ends the session on a broken connection, which releases the lock too.
                await db.Database.CloseConnectionAsync();
            }
        }
    }

    /// <summary>
    /// The customer's open callback that a new call joins: open, not deleted, made for a call, and still carrying the
    /// text one of its calls wrote (a task an agent edited is theirs; the call then gets its own). Null when the call
    /// made its own task already (a retry after a crash finds it by the call's id).
    /// </summary>
    public static async Task<Guid?> OpenAsync(AgentLocatorDbContext db, Guid customerId, Guid callId)
    {
        if (await db.Tasks.IgnoreQueryFilters().AnyAsync(t => t.Id == callId))
        {
            return null;
        }
        var candidates = await db.Tasks.AsNoTracking()
            .Where(t => t.CustomerId == customerId && t.CallId != null && t.Status == TaskStatuses.Open && t.DeletedAt == null)
            .OrderByDescending(t => t.CreatedAt)
            .Select(t => new { t.Id, t.Title, t.Notes, Written = db.Calls.Where(c => c.FollowUpTaskId == t.Id).Select(c => c.FollowUpFingerprint).ToList() })
            .ToListAsync();
        return candidates.FirstOrDefault(t => t.Written.Contains(CallOutcome.Fingerprint(t.Title, t.Notes)))?.Id;
    }

    /// <summary>The other calls a follow-up covers, with their turns, as their own grains last saved them.</summary>
    public static async Task<List<FollowUpCall>> OtherCallsAsync(AgentLocatorDbContext db, Guid taskId, Guid callId)
    {
        var calls = await db.Calls.AsNoTracking().Where(c => c.FollowUpTaskId == taskId && c.Id != callId).ToListAsync();
        if (calls.Count == 0)
        {
            return [];
        }
        var ids = calls.Select(c => c.Id).ToList();
        var turns = await db.CallTurns.AsNoTracking().Where(t => ids.Contains(t.CallId)).OrderBy(t => t.Number).ToListAsync();
        return [.. calls.Select(c => new FollowUpCall(c, turns.Where(t => t.CallId == c.Id).ToList()))];
    }

    /// <summary>A 64-bit advisory-lock key of the customer, in a space of its own (a fixed tag mixed into the high bits).</summary>
    private static long LockKey(Guid customerId)
    {
        Span<byte> bytes = stackalloc byte[16];
        customerId.TryWriteBytes(bytes);
        return BitConverter.ToInt64(bytes[..8]) ^ BitConverter.ToInt64(bytes[8..]) ^ 0x_0A11_BAC6_0000_0000;
    }
}
