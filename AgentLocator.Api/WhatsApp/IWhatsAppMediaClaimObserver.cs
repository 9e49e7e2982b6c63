using AgentLocator.Grains.Data.Entities;

namespace AgentLocator.Api.WhatsApp;

/// <summary>Told of each media copy a copier claimed, before it runs (tests use it to stop a copier mid-way, as a crash would).</summary>
public interface IWhatsAppMediaClaimObserver
{
    Task ClaimedAsync(WhatsAppMediaJob job, CancellationToken cancellationToken);
}
