namespace AgentLocator.Grains.Notifications;

/// <summary>A Web Push message for every subscription of one user.</summary>
/// <param name="PayloadJson">What the service worker's <c>push</c> event reads (encrypted on the way, RFC 8291).</param>
/// <param name="Topic">Replaces an undelivered message with the same topic at the push service (RFC 8030 §5.4).</param>
/// <param name="TimeToLive">How long the push service keeps it for an offline browser.</param>
/// <param name="Urgency">RFC 8030 §5.3: very-low, low, normal or high.</param>
public sealed record PushMessage(string PayloadJson, string? Topic, TimeSpan TimeToLive, string Urgency = "high")
{
    /// <summary>
    /// Push services must accept 4096-byte bodies (RFC 8030 §7.2). One aes128gcm record of that size holds this much after
    /// its header (salt, record size, key length, 65-byte key: 86 bytes), delimiter and tag. A longer payload would make
    /// the library write a second record, which push services refuse.
    /// </summary>
    public const int MaxPayloadBytes = 4096 - 86 - 1 - 16;

    private static readonly HashSet<string> Urgencies = ["very-low", "low", "normal", "high"];

    public int PayloadBytes => System.Text.Encoding.UTF8.GetByteCount(PayloadJson);

    /// <summary>A malformed message (topic, urgency, TTL) is a caller's bug: it throws.</summary>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(PayloadJson);
        if (Topic is { } topic && !IsValidTopic(topic))
        {
            throw new ArgumentException("A push topic is at most 32 characters of the base64url alphabet (RFC 8030 §5.4).", nameof(Topic));
        }
        if (!Urgencies.Contains(Urgency))
        {
            throw new ArgumentException("Urgency must be very-low, low, normal or high (RFC 8030 §5.3).", nameof(Urgency));
        }
        if (TimeToLive < TimeSpan.Zero)
        {
            throw new ArgumentException("The time to live cannot be negative.", nameof(TimeToLive));
        }
    }

    public static bool IsValidTopic(string topic) =>
        topic.Length is > 0 and <= 32 && topic.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
