namespace AgentLocator.Api.WhatsApp;

/// <summary>How inbound media is copied from Twilio. Bound from <c>WhatsApp:Media:*</c>.</summary>
public sealed class WhatsAppMediaOptions
{
    /// <summary>How often a copier looks for copies other instances recorded (its own wake it at once).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a claim holds a copy; renewed while it runs. A copier that dies lets it go after this.</summary>
    public TimeSpan ClaimLease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>The wait after the first failed attempt; it doubles with each further one, up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>After this many attempts a copy is given up (Twilio keeps media for a limited time anyway).</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>Copies run at once per instance.</summary>
    public int MaxConcurrent { get; set; } = 4;

    public TimeSpan RetryDelay(int attempts)
    {
        var delay = RetryBaseDelay * Math.Pow(2, Math.Clamp(attempts - 1, 0, 20));
        return delay < MaxRetryDelay ? delay : MaxRetryDelay;
    }
}
