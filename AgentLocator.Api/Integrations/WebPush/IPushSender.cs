namespace AgentLocator.Api.Integrations.WebPush;

/// <summary>A Web Push message for every subscription of one user.</summary>
/// <param name="PayloadJson">What the service worker's <c>push</c> event reads (encrypted on the way, RFC 8291).</param>
/// <param name="Topic">Replaces an undelivered message with the same topic at the push service (RFC 8030 §5.4).</param>
/// <param name="TimeToLive">How long the push service keeps it for an offline browser.</param>
/// <param name="Urgency">RFC 8030 §5.3: very-low, low, normal or high.</param>
public sealed record PushMessage(string PayloadJson, string? Topic, TimeSpan TimeToLive, string Urgency = "high");

/// <summary>
/// Sends Web Push notifications in the background: messages are queued and sent with retries on 429/5xx, and
/// subscriptions the push service says are gone (404/410) are deleted. Queuing waits while the queue is full, so
/// a burst of alerts slows down a little instead of losing the notification of an agent with no tab open.
/// </summary>
public interface IPushSender
{
    ValueTask EnqueueAsync(Guid businessId, Guid userId, PushMessage message, CancellationToken cancellationToken = default);
}
