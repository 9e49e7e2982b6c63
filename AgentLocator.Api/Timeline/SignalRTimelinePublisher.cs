using AgentLocator.Api.Infrastructure.Realtime;
using AgentLocator.Grains.Data;
using AgentLocator.Grains.Timeline;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;

namespace AgentLocator.Api.Timeline;

/// <summary>
/// Pushes <c>timeline:item</c> (and <c>timeline:removed</c>) to the pages watching the event's customer and the
/// business feed, off the write path. Groups are per feature: a connection joins only those of the features its user
/// has, so an event of a feature a user lacks (a call) never reaches them.
/// </summary>
public sealed class SignalRTimelinePublisher(
    TimelineChanges changes, IHubContext<AgentHub> hub, TenantDbContextFactory contexts, ILogger<SignalRTimelinePublisher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var change in changes.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await SendAsync(change, stoppingToken);
            }
            catch (Exception error) when (error is not OperationCanceledException and not OutOfMemoryException)
            {
                // Live views are a convenience: the event is stored, and pages refetch on reconnect.
                logger.LogWarning(error, "Could not push timeline event {EventId}", change.Id);
            }
        }
    }

    private async Task SendAsync(TimelineChange change, CancellationToken cancellationToken)
    {
        if (!TimelineKinds.TryGet(change.Kind, out var kind))
        {
            return;
        }
        var groups = new List<string> { RealtimeGroups.BusinessTimeline(change.BusinessId, kind.Feature) };
        if (change.CustomerId is { } customerId)
        {
            groups.Add(RealtimeGroups.Timeline(customerId, kind.Feature));
        }
        if (change.Removed)
        {
            await hub.Clients.Groups(groups).SendAsync(HubEvents.TimelineRemoved, new TimelineRemoved(change.Id), cancellationToken);
            return;
        }
        await using var db = contexts.For(change.BusinessId);
        var entry = await TimelineQuery.WithCustomerNames(db, db.TimelineEvents.AsNoTracking().Where(e => e.Id == change.Id))
            .SingleOrDefaultAsync(cancellationToken);
        if (entry is not null)
        {
            await hub.Clients.Groups(groups).SendAsync(HubEvents.TimelineItem, TimelineItems.From(entry, viewer: null), cancellationToken);
        }
    }
}
