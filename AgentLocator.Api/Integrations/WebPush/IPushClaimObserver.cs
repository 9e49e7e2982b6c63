using AgentLocator.Grains.Data.Entities;

namespace AgentLocator.Api.Integrations.WebPush;

/// <summary>
/// Told about each outbox row the moment this instance has claimed it, before anything is sent. Nothing in the product
/// registers one; tests do, to stop a sender between claim and send (the instant a crash must not lose a push at).
/// </summary>
public interface IPushClaimObserver
{
    Task ClaimedAsync(OutboxPush push, CancellationToken cancellationToken);
}
