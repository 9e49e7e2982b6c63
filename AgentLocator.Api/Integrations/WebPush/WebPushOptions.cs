namespace AgentLocator.Api.Integrations.WebPush;

/// <summary>The <c>WebPush</c> configuration section: the outbox sender and the retry of outgoing push messages.</summary>
public sealed class WebPushOptions
{
    public const string SectionName = "WebPush";

    /// <summary>Messages sent at once, so one slow push service cannot hold up everyone else's alerts.</summary>
    public int MaxConcurrentMessages { get; set; } = 8;

    /// <summary>
    /// How often the sender looks for messages other instances recorded (its own instance wakes it at once). Also the
    /// longest a message waits after the instance holding it died, on top of <see cref="ClaimLease"/>.
    /// </summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How long a claimed message is this instance's to send. The sender renews the lease while it is still sending, so
    /// this bounds only how late a message held by an instance that died is picked up by another.
    /// </summary>
    public TimeSpan ClaimLease { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Retries after a 429, a 5xx or a network failure; the waits double from <see cref="RetryBaseDelay"/> (1 s, 2 s, 4 s).</summary>
    public int MaxRetries { get; set; } = 3;

    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Caps a push service's Retry-After as well as our own back-off: an alert that late is better dropped.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
