using AgentLocator.Api.Infrastructure.Realtime;
using AgentLocator.Grains.Abstractions;
using AgentLocator.Grains.Data;
using AgentLocator.Grains.Timeline;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;

namespace AgentLocator.Api.Timeline;

/// <summary>
/// Pushes <c>timeline:item</c> (and <c>timeline:removed</c>) to the pages watching the event's customer and the
/// business feed, off the write path. Groups are per feature: a connection joins only those of the features its user
/// has, so an event of a feature a user lacks (a call) never reaches them. What has queued meanwhile is taken
/// together: the last change of each event, read on one connection per business, and the sends out together rather than one
/// Redis round trip after another (a burst of calls otherwise reached the feeds seconds late).
/// </summary>
public sealed class SignalRTimelinePublisher(
    TimelineChanges changes, IHubContext<AgentHub> hub, TenantDbContextFactory contexts, ILogger<SignalRTimelinePublisher> logger) : BackgroundService
{
    /// <summary>The most changes read and sent together.</summary>
    private const int BatchSize = 64;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<TimelineChange>(BatchSize);
        while (await changes.Reader.WaitToReadAsync(stoppingToken))
        {
            batch.Clear();
            while (batch.Count < BatchSize && changes.Reader.TryRead(out var change))
            {
                batch.Add(change);
            }
            // The last change of an event is where it stands; the sends below go out together, in no order.
            foreach (var business in batch.GroupBy(change => change.Id).Select(changesOfOne => changesOfOne.Last()).GroupBy(change => change.BusinessId))
            {
                try
                {
                    await SendAsync(business.Key, [.. business], stoppingToken);
                }
                catch (Exception error) when (error is not OperationCanceledException and not OutOfMemoryException)
                {
                    // Live views are a convenience: the events are stored, and pages refetch on reconnect.
                    logger.LogWarning(error, "Could not push {Count} timeline events of business {BusinessId}", business.Count(), business.Key);
                }
            }
        }
    }

    private async Task SendAsync(Guid businessId, List<TimelineChange> batch, CancellationToken cancellationToken)
    {
        var known = batch.Where(change => TimelineKinds.TryGet(change.Kind, out _)).ToList();
        var entries = new Dictionary<Guid, TimelineEntry>();
        if (known.Any(change => !change.Removed))
        {
            // One connection; each event by its primary key (an "= ANY(ids)" read was planned on statistics a burst had
            // outrun, and cost more per row).
            await using var db = contexts.For(businessId);
            await db.Database.OpenConnectionAsync(cancellationToken);
            foreach (var change in known.Where(change => !change.Removed))
            {
                var eventId = change.Id;
                if (await TimelineQuery.WithCustomerNames(db, db.TimelineEvents.AsNoTracking().Where(e => e.Id == eventId))
                    .SingleOrDefaultAsync(cancellationToken) is { } entry)
                {
                    entries[entry.Id] = entry;
                }
            }
        }
        var sends = new List<Task>(known.Count);
        foreach (var change in known)
        {
            TimelineKinds.TryGet(change.Kind, out var kind);
            var groups = new List<string> { RealtimeGroups.BusinessTimeline(change.BusinessId, kind!.Feature) };
            if (change.CustomerId is { } customerId)
            {
                groups.Add(RealtimeGroups.Timeline(customerId, kind.Feature));
            }
            if (change.Removed)
            {
                sends.Add(hub.Clients.Groups(groups).SendAsync(HubEvents.TimelineRemoved, new TimelineRemoved(change.Id), cancellationToken));
            }
            else if (entries.TryGetValue(change.Id, out var entry))
            {
                sends.Add(hub.Clients.Groups(groups).SendAsync(HubEvents.TimelineItem, TimelineItems.From(entry, viewer: null), cancellationToken));
            }
        }
        await Task.WhenAll(sends);
    }
}
