using AgentLocator.Grains.Data;
using AgentLocator.Grains.Telemetry;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AgentLocator.Api.Integrations.WebPush;

/// <summary>
/// Drains the <see cref="PushQueue"/>: each message goes to every live subscription of its user, at most
/// <see cref="WebPushOptions.MaxConcurrentMessages"/> messages at a time, and the outcome is written back —
/// a success stamps the subscription, a push service's "gone" (or an expiry passed) deletes it.
/// </summary>
public sealed class PushDeliveryService(
    PushQueue queue,
    TenantDbContextFactory contexts,
    IServiceProvider services,
    IOptions<WebPushOptions> options,
    TimeProvider time,
    ILogger<PushDeliveryService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var slots = new SemaphoreSlim(Math.Max(1, options.Value.MaxConcurrentMessages));
        await foreach (var push in queue.Reader.ReadAllAsync(stoppingToken))
        {
            await slots.WaitAsync(stoppingToken);
            _ = Task.Run(async () =>
            {
                try
                {
                    await DeliverAsync(push, stoppingToken);
                }
                catch (Exception failure)
                {
                    if (!stoppingToken.IsCancellationRequested)
                    {
                        logger.LogError(failure, "Sending a push message to user {UserId} failed.", push.UserId);
                    }
                }
                finally
                {
                    slots.Release();
                    queue.MarkDone();
                }
            }, CancellationToken.None);
        }
    }

    private async Task DeliverAsync(QueuedPush push, CancellationToken cancellationToken)
    {
        await using var db = contexts.For(push.BusinessId);
        var subscriptions = await db.PushSubscriptions.AsNoTracking()
            .Where(s => s.UserId == push.UserId)
            .Select(s => new { s.Id, s.Endpoint, s.P256dh, s.Auth, s.ExpiresAt })
            .ToListAsync(cancellationToken);
        if (subscriptions.Count == 0)
        {
            return;
        }

        var now = time.GetUtcNow();
        var client = services.GetRequiredService<RetryingPushClient>();
        var outcomes = await Task.WhenAll(subscriptions.Select(async s =>
            (s.Id, Outcome: s.ExpiresAt <= now
                ? PushDeliveryOutcome.Gone
                : await client.SendAsync(new RetryingPushClient.Target(s.Endpoint, s.P256dh, s.Auth), push.Message, cancellationToken))));

        foreach (var outcome in outcomes)
        {
            AgentLocatorTelemetry.Pushes.Add(1, AgentLocatorTelemetry.Outcome(outcome.Outcome switch
            {
                PushDeliveryOutcome.Delivered => "sent",
                PushDeliveryOutcome.Gone => "gone",
                _ => "failed",
            }));
        }
        var delivered = outcomes.Where(o => o.Outcome == PushDeliveryOutcome.Delivered).Select(o => o.Id).ToList();
        var gone = outcomes.Where(o => o.Outcome == PushDeliveryOutcome.Gone).Select(o => o.Id).ToList();
        if (delivered.Count > 0)
        {
            var deliveredAt = time.GetUtcNow();
            await db.PushSubscriptions.Where(s => delivered.Contains(s.Id))
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.LastSuccessAt, deliveredAt), cancellationToken);
        }
        if (gone.Count > 0)
        {
            await db.PushSubscriptions.Where(s => gone.Contains(s.Id)).ExecuteDeleteAsync(cancellationToken);
        }
    }
}
