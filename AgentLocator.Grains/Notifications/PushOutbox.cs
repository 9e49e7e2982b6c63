using System.Threading.Channels;
using AgentLocator.Grains.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace AgentLocator.Grains.Notifications;

/// <summary>
/// Records Web Push messages in Postgres (<c>push_outbox</c>, one row per subscription of the user) for the API's
/// sender to deliver, so a push survives the process that decided on it: recorded in the caller's transaction, it
/// commits or rolls back with the change it announces. The sender on every instance polls the table; this
/// instance's sender is also woken at once after a commit.
/// </summary>
public sealed class PushOutbox(TenantDbContextFactory contexts, TimeProvider clock, ILogger<PushOutbox> logger)
{
    private readonly Channel<bool> wakeUps = Channel.CreateBounded<bool>(new BoundedChannelOptions(1)
    {
        FullMode = BoundedChannelFullMode.DropWrite,
    });

    /// <summary>
    /// Adds the message for each of the user's subscriptions through <paramref name="db"/>, inside whatever transaction it
    /// has open. Returns the rows recorded; call <see cref="Wake"/> once they are committed.
    /// </summary>
    /// <exception cref="ArgumentException">The message is malformed (a caller's bug).</exception>
    public async Task<int> RecordAsync(AgentLocatorDbContext db, Guid businessId, Guid userId, PushMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        message.Validate();
        if (message.PayloadBytes > PushMessage.MaxPayloadBytes)
        {
            // Size depends on what users typed, so it is not the caller's bug to throw at; the in-app alert still went out.
            logger.LogError("A push message for user {UserId} is {Bytes} bytes, over the {Limit}-byte limit, and was not recorded.",
                userId, message.PayloadBytes, PushMessage.MaxPayloadBytes);
            return 0;
        }
        // Beyond int seconds (68 years) every push service caps the TTL anyway.
        var timeToLive = (int)Math.Min(message.TimeToLive.TotalSeconds, int.MaxValue);
        var now = clock.GetUtcNow();
        return await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO push_outbox (id, business_id, user_id, subscription_id, payload, topic, time_to_live_seconds, urgency, state, created_at, claims)
            SELECT gen_random_uuid(), s.business_id, s.user_id, s.id, {message.PayloadJson}, {message.Topic}, {timeToLive}, {message.Urgency}, 'pending', {now}, 0
            FROM push_subscriptions s
            WHERE s.business_id = {businessId} AND s.user_id = {userId}
            """, cancellationToken);
    }

    /// <summary>Records the message on its own (no change to commit with it) and wakes the sender.</summary>
    public async Task<int> RecordAsync(Guid businessId, Guid userId, PushMessage message, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.For(businessId);
        var recorded = await RecordAsync(db, businessId, userId, message, cancellationToken);
        if (recorded > 0)
        {
            Wake();
        }
        return recorded;
    }

    /// <summary>Tells this instance's sender that rows were committed, so it need not wait for its next poll.</summary>
    public void Wake() => wakeUps.Writer.TryWrite(true);

    /// <summary>Waits for a <see cref="Wake"/> or, at most, <paramref name="poll"/> (rows other instances recorded).</summary>
    public async Task WaitForWorkAsync(TimeSpan poll, CancellationToken cancellationToken)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        wait.CancelAfter(poll);
        try
        {
            await wakeUps.Reader.ReadAsync(wait.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
        }
    }
}
