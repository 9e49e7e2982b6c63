using System.Collections.Concurrent;
using System.Threading.Channels;
using AgentLocator.Api.Infrastructure.Realtime;
using AgentLocator.Grains.Calls;
using AgentLocator.Grains.Data;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;

namespace AgentLocator.Api.Calls;

/// <summary>
/// Pushes <c>call:updated</c> (the call's list row) to every page of the business watching its calls. The grain only
/// queues the change and returns: the rows are read and sent in the background, so Twilio's webhooks never wait on
/// them, and several changes of one call in quick succession are sent once, as they stand when read. What has queued
/// meanwhile is taken together: read on one connection per business, and the sends go out together rather than each
/// waiting for the one before (a burst of calls was otherwise announced one Redis round trip at a time, seconds late).
/// </summary>
public sealed class SignalRCallChangeNotifier(IHubContext<AgentHub> hub, TenantDbContextFactory contexts, ILogger<SignalRCallChangeNotifier> logger)
    : BackgroundService, ICallChangeNotifier
{
    /// <summary>The most changes read and sent together.</summary>
    private const int BatchSize = 64;

    private readonly Channel<(Guid Business, Guid Call)> changes = Channel.CreateUnbounded<(Guid, Guid)>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Calls queued and not yet read: a second change of one of them needs no second send.</summary>
    private readonly ConcurrentDictionary<Guid, byte> queued = new();

    public Task CallChangedAsync(Guid businessId, Guid callId)
    {
        if (queued.TryAdd(callId, 0))
        {
            changes.Writer.TryWrite((businessId, callId));
        }
        return Task.CompletedTask;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<(Guid Business, Guid Call)>(BatchSize);
        while (await changes.Reader.WaitToReadAsync(stoppingToken))
        {
            batch.Clear();
            while (batch.Count < BatchSize && changes.Reader.TryRead(out var change))
            {
                // Removed before the read, so a change made while it is sent queues another send with the newer row.
                queued.TryRemove(change.Call, out _);
                batch.Add(change);
            }
            foreach (var business in batch.GroupBy(change => change.Business))
            {
                try
                {
                    await SendAsync(business.Key, [.. business.Select(change => change.Call)], stoppingToken);
                }
                catch (Exception error) when (error is not OperationCanceledException and not OutOfMemoryException)
                {
                    // Live views are a convenience: the calls are stored, and pages refetch on reconnect.
                    logger.LogWarning(error, "Could not announce changes of {Count} calls of business {BusinessId}", business.Count(), business.Key);
                }
            }
        }
    }

    /// <summary>
    /// Reads each row by its id on one connection (a primary-key lookup, whatever the table's statistics say: an
    /// <c>= ANY(ids)</c> read was planned on statistics a burst had outrun, and cost more per row), then sends them all.
    /// </summary>
    private async Task SendAsync(Guid businessId, List<Guid> callIds, CancellationToken cancellationToken)
    {
        await using var db = contexts.For(businessId);
        await db.Database.OpenConnectionAsync(cancellationToken);
        var items = new List<CallListItem>(callIds.Count);
        foreach (var callId in callIds)
        {
            if (await CallQueries.ListItems(db, db.Calls.AsNoTracking().Where(c => c.Id == callId)).SingleOrDefaultAsync(cancellationToken) is { } item)
            {
                items.Add(item);
            }
        }
        var watchers = hub.Clients.Group(RealtimeGroups.Calls(businessId));
        await Task.WhenAll(items.Select(item => watchers.SendAsync(HubEvents.CallUpdated, item, cancellationToken)));
    }
}
