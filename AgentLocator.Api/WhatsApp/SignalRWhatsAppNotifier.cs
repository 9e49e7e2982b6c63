using System.Threading.Channels;
using AgentLocator.Api.Infrastructure.Realtime;
using AgentLocator.Grains.Data;
using AgentLocator.Grains.WhatsApp;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;

namespace AgentLocator.Api.WhatsApp;

/// <summary>
/// Pushes <c>whatsapp:message</c> (the message as the thread shows it; upsert by id) to the business's WhatsApp
/// watchers, off the write path: a new inbound message, an agent's send, and each status step (the ticks).
/// The group is joined only by users with the <c>whatsapp</c> feature (<see cref="AgentHub.WatchWhatsApp"/>).
/// </summary>
public sealed class SignalRWhatsAppNotifier(IHubContext<AgentHub> hub, TenantDbContextFactory contexts, ILogger<SignalRWhatsAppNotifier> logger)
    : BackgroundService, IWhatsAppChangeNotifier
{
    private readonly Channel<WhatsAppChange> changes = Channel.CreateUnbounded<WhatsAppChange>(new UnboundedChannelOptions { SingleReader = true });

    public void MessageChanged(WhatsAppChange change) => changes.Writer.TryWrite(change);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var change in changes.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await using var db = contexts.For(change.BusinessId);
                var row = await db.WhatsAppMessages.AsNoTracking().SingleOrDefaultAsync(m => m.Id == change.MessageId, stoppingToken);
                if (row is not null)
                {
                    await hub.Clients.Group(RealtimeGroups.WhatsApp(change.BusinessId))
                        .SendAsync(HubEvents.WhatsAppMessage, WhatsAppMessageResponse.From(row), stoppingToken);
                }
            }
            catch (Exception error) when (error is not OperationCanceledException and not OutOfMemoryException)
            {
                // Live views are a convenience: the message is stored, and the thread refetches on reconnect.
                logger.LogWarning(error, "Could not push WhatsApp message {MessageId}", change.MessageId);
            }
        }
    }
}
