namespace AgentLocator.Api.Integrations.WebPush;

/// <summary>The <c>WebPush</c> configuration section: queueing and retry of outgoing push messages.</summary>
public sealed class WebPushOptions
{
    public const string SectionName = "WebPush";

    /// <summary>Messages waiting to be sent; beyond this new ones are dropped (and logged) rather than blocking callers.</summary>
    public int QueueCapacity { get; set; } = 1000;

    /// <summary>Messages sent at once, so one slow push service cannot hold up everyone else's alerts.</summary>
    public int MaxConcurrentMessages { get; set; } = 8;

    /// <summary>Retries after a 429, a 5xx or a network failure; the waits double from <see cref="RetryBaseDelay"/> (1 s, 2 s, 4 s).</summary>
    public int MaxRetries { get; set; } = 3;

    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Caps a push service's Retry-After as well as our own back-off: an alert that late is better dropped.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
