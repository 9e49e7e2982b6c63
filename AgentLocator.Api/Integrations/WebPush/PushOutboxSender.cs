using System.Collections.Concurrent;
using AgentLocator.Grains.Data;
using AgentLocator.Grains.Data.Entities;
using AgentLocator.Grains.Notifications;
using AgentLocator.Grains.Telemetry;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AgentLocator.Api.Integrations.WebPush;

/// <summary>
/// Sends what <see cref="PushOutbox"/> recorded, on every instance: it claims pending rows with
/// <c>FOR UPDATE SKIP LOCKED</c> (so two instances never hold the same row), sends each through
/// <see cref="RetryingPushClient"/>, at most <see cref="WebPushOptions.MaxConcurrentMessages"/> at a time, and marks it
/// sent, failed or gone (a gone or expired subscription is deleted; a success stamps it).
/// <para>
/// A claim is a lease (<see cref="WebPushOptions.ClaimLease"/>), renewed while the row is being sent. An instance that
/// dies holding rows stops renewing, so another instance claims them once the lease runs out: a crash makes a push late,
/// never lost. A graceful stop hands its rows back at once. The one duplicate left: an instance that dies after the push
/// service accepted a message but before the row is marked sent, or whose lease ran out mid-send (renewal failing for a
/// whole lease), leaves a row that is sent again. The browser shows it once anyway, since an alert's push carries a
/// topic and the service worker tags its notification per task.
/// </para>
/// </summary>
public sealed class PushOutboxSender(
    PushOutbox outbox,
    TenantDbContextFactory contexts,
    IServiceProvider services,
    IOptions<WebPushOptions> options,
    TimeProvider time,
    ILogger<PushOutboxSender> logger) : BackgroundService
{
    /// <summary>A row claimed this often was never finished (a message that crashes its sender, say): it is given up.</summary>
    private const int MaxClaims = 5;

    /// <summary>Finished rows are kept this long, for looking into what was sent, then deleted.</summary>
    private static readonly TimeSpan FinishedRetention = TimeSpan.FromDays(7);

    private static readonly TimeSpan PruneInterval = TimeSpan.FromHours(1);

    /// <summary>Rows this instance is sending, with the token of the claim it holds them by.</summary>
    private readonly ConcurrentDictionary<Guid, Guid> sending = new();

    private WebPushOptions Settings => options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var slots = new SemaphoreSlim(Math.Max(1, Settings.MaxConcurrentMessages));
        var renewing = RenewLeasesAsync(stoppingToken);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await slots.WaitAsync(stoppingToken);
                var free = 1;
                while (slots.Wait(0))
                {
                    free++;
                }
                var claimed = await ClaimSafelyAsync(free, stoppingToken);
                if (free > claimed.Count)
                {
                    slots.Release(free - claimed.Count);
                }
                foreach (var push in claimed)
                {
                    sending[push.Id] = push.ClaimToken!.Value;
                    _ = Task.Run(async () =>
                    {
                        try
                        {
                            await SendAsync(push, stoppingToken);
                        }
                        finally
                        {
                            sending.TryRemove(push.Id, out _);
                            slots.Release();
                        }
                    }, CancellationToken.None);
                }
                if (claimed.Count < free)
                {
                    // Nothing more is pending: wait for this instance's next record, or poll for the others'.
                    await outbox.WaitForWorkAsync(Settings.PollInterval, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        await renewing;
    }

    private async Task<IReadOnlyList<OutboxPush>> ClaimSafelyAsync(int count, CancellationToken cancellationToken)
    {
        try
        {
            return await ClaimAsync(count, cancellationToken);
        }
        catch (Exception error) when (error is not OperationCanceledException and not OutOfMemoryException)
        {
            // The database restarting, say: the rows wait in Postgres for the next poll.
            logger.LogWarning(error, "Could not claim push messages; will retry on the next poll.");
            return [];
        }
    }

    /// <summary>
    /// Claims up to <paramref name="count"/> pending rows, oldest first, that nobody holds or whose holder's lease ran
    /// out. Rows another instance is claiming at this moment are skipped, not waited for.
    /// </summary>
    internal async Task<IReadOnlyList<OutboxPush>> ClaimAsync(int count, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var until = now + Settings.ClaimLease;
        var token = Guid.NewGuid();
        await using var db = contexts.AcrossTenants();
        return await db.PushOutbox.FromSqlInterpolated($"""
                UPDATE push_outbox SET claimed_until = {until}, claim_token = {token}, claims = claims + 1
                WHERE id IN (
                    SELECT id FROM push_outbox
                    WHERE state = 'pending' AND (claimed_until IS NULL OR claimed_until < {now})
                    ORDER BY created_at
                    LIMIT {count}
                    FOR UPDATE SKIP LOCKED)
                RETURNING *
                """)
            .IgnoreQueryFilters().AsNoTracking().ToListAsync(cancellationToken);
    }

    private async Task SendAsync(OutboxPush push, CancellationToken stoppingToken)
    {
        try
        {
            foreach (var observer in services.GetServices<IPushClaimObserver>())
            {
                await observer.ClaimedAsync(push, stoppingToken);
            }
            if (push.Claims > MaxClaims)
            {
                logger.LogError("Push message {PushId} was claimed {Claims} times without finishing; giving up on it.", push.Id, push.Claims);
                await FinishAsync(push, OutboxPushStates.Failed);
                return;
            }
            await FinishAsync(push, await DeliverAsync(push, stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            await ReleaseAsync(push);
        }
        catch (Exception failure)
        {
            // The row stays claimed; once this instance stops renewing it (now), the lease runs out and it is tried again.
            logger.LogError(failure, "Sending push message {PushId} to user {UserId} failed.", push.Id, push.UserId);
        }
    }

    /// <summary>Sends the row to its subscription and writes the outcome to the subscription. Returns the row's new state.</summary>
    private async Task<string> DeliverAsync(OutboxPush push, CancellationToken cancellationToken)
    {
        await using var db = contexts.For(push.BusinessId);
        var subscription = push.SubscriptionId is { } id
            ? await db.PushSubscriptions.AsNoTracking().Where(s => s.Id == id)
                .Select(s => new { s.Endpoint, s.P256dh, s.Auth, s.ExpiresAt }).SingleOrDefaultAsync(cancellationToken)
            : null;
        if (subscription is null)
        {
            // Unsubscribed, or gone for an earlier message, since this one was recorded: there is nobody to send it to.
            return OutboxPushStates.Gone;
        }
        var outcome = subscription.ExpiresAt <= time.GetUtcNow()
            ? PushDeliveryOutcome.Gone
            : await services.GetRequiredService<RetryingPushClient>().SendAsync(
                new RetryingPushClient.Target(subscription.Endpoint, subscription.P256dh, subscription.Auth),
                new PushMessage(push.Payload, push.Topic, TimeSpan.FromSeconds(push.TimeToLiveSeconds), push.Urgency),
                cancellationToken);
        AgentLocatorTelemetry.Pushes.Add(1, AgentLocatorTelemetry.Outcome(outcome switch
        {
            PushDeliveryOutcome.Delivered => "sent",
            PushDeliveryOutcome.Gone => "gone",
            _ => "failed",
        }));
        // The outcome is written whatever happens now: the message has left, so a stop must not make it be sent again.
        switch (outcome)
        {
            case PushDeliveryOutcome.Delivered:
                var deliveredAt = time.GetUtcNow();
                await db.PushSubscriptions.Where(s => s.Id == push.SubscriptionId)
                    .ExecuteUpdateAsync(s => s.SetProperty(p => p.LastSuccessAt, deliveredAt), CancellationToken.None);
                return OutboxPushStates.Sent;
            case PushDeliveryOutcome.Gone:
                await db.PushSubscriptions.Where(s => s.Id == push.SubscriptionId).ExecuteDeleteAsync(CancellationToken.None);
                return OutboxPushStates.Gone;
            default:
                return OutboxPushStates.Failed;
        }
    }

    /// <summary>Marks the row finished, if this claim still holds it.</summary>
    private async Task FinishAsync(OutboxPush push, string state)
    {
        var now = time.GetUtcNow();
        await using var db = contexts.AcrossTenants();
        var marked = await db.Database.ExecuteSqlInterpolatedAsync($"""
            UPDATE push_outbox SET state = {state}, finished_at = {now}, claimed_until = NULL
            WHERE id = {push.Id} AND claim_token = {push.ClaimToken} AND state = 'pending'
            """);
        if (marked == 0)
        {
            logger.LogWarning("Push message {PushId} was claimed by another sender before it was marked {State}; it may have been sent twice.",
                push.Id, state);
        }
    }

    /// <summary>A graceful stop hands the row back, so the next instance need not wait for the lease to run out.</summary>
    private async Task ReleaseAsync(OutboxPush push)
    {
        try
        {
            await using var db = contexts.AcrossTenants();
            await db.Database.ExecuteSqlInterpolatedAsync($"""
                UPDATE push_outbox SET claimed_until = NULL
                WHERE id = {push.Id} AND claim_token = {push.ClaimToken} AND state = 'pending'
                """);
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            // The host is going away; the lease runs out on its own.
            logger.LogDebug(error, "Could not hand push message {PushId} back on stopping.", push.Id);
        }
    }

    /// <summary>Extends the lease of every row still being sent here, a few times per lease; now and then prunes old rows.</summary>
    private async Task RenewLeasesAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Settings.ClaimLease / 3, time);
        var nextPrune = time.GetUtcNow() + PruneInterval;
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                if (time.GetUtcNow() >= nextPrune)
                {
                    nextPrune = time.GetUtcNow() + PruneInterval;
                    await PruneFinishedAsync(stoppingToken);
                }
                var held = sending.ToArray();
                if (held.Length == 0)
                {
                    continue;
                }
                try
                {
                    var ids = held.Select(h => h.Key).ToArray();
                    var tokens = held.Select(h => h.Value).ToArray();
                    var until = time.GetUtcNow() + Settings.ClaimLease;
                    await using var db = contexts.AcrossTenants();
                    await db.Database.ExecuteSqlInterpolatedAsync($"""
                        UPDATE push_outbox o SET claimed_until = {until}
                        FROM unnest({ids}, {tokens}) AS held(id, token)
                        WHERE o.id = held.id AND o.claim_token = held.token AND o.state = 'pending'
                        """, stoppingToken);
                }
                catch (Exception error) when (error is not OperationCanceledException and not OutOfMemoryException)
                {
                    logger.LogWarning(error, "Could not renew the claims of {Count} push message(s) being sent.", held.Length);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Every instance prunes; deleting rows another instance already deleted is harmless.</summary>
    private async Task PruneFinishedAsync(CancellationToken cancellationToken)
    {
        try
        {
            var before = time.GetUtcNow() - FinishedRetention;
            await using var db = contexts.AcrossTenants();
            await db.PushOutbox.IgnoreQueryFilters()
                .Where(p => p.State != OutboxPushStates.Pending && p.FinishedAt < before)
                .ExecuteDeleteAsync(cancellationToken);
        }
        catch (Exception error) when (error is not OperationCanceledException and not OutOfMemoryException)
        {
            logger.LogWarning(error, "Could not prune finished push messages; will retry in an hour.");
        }
    }
}
