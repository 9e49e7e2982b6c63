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
/// queues the change and returns: the row is read and sent in the background, so Twilio's webhooks never wait on
/// it, and several changes of one call in quick succession are sent once, as they stand when read.
/// </summary>
public sealed class SignalRCallChangeNotifier(IHubContext<AgentHub> hub, TenantDbContextFactory contexts, ILogger<SignalRCallChangeNotifier> logger)
    : BackgroundService, ICallChangeNotifier
{
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
        await foreach (var (business, call) in changes.Reader.ReadAllAsync(stoppingToken))
        {
            // Removed before the read, so a change made while it is sent queues another send with the newer row.
            queued.TryRemove(call, out _);
            try
            {
                await SendAsync(business, call, stoppingToken);
            }
            catch (Exception error) when (error is not OperationCanceledException and not OutOfMemoryException)
            {
                // Live views are a convenience: the call itself is stored, and pages refetch on reconnect.
                logger.LogWarning(error, "Could not announce a change of call {CallId}", call);
            }
        }
    }

    private async Task SendAsync(Guid businessId, Guid callId, CancellationToken cancellationToken)
    {
        await using var db = contexts.For(businessId);
        var item = await CallQueries.ListItems(db, db.Calls.AsNoTracking().Where(c => c.Id == callId)).SingleOrDefaultAsync(cancellationToken);
        if (item is not null)
        {
            await hub.Clients.Group(RealtimeGroups.Calls(businessId)).SendAsync(HubEvents.CallUpdated, item, cancellationToken);
        }
    }
}
