namespace AgentLocator.Grains.Data.Entities;

public sealed class Business
{
    public const string DefaultTimeZone = "Asia/Jerusalem";

    public Guid Id { get; set; }
    public required string Name { get; set; }

    /// <summary>The Twilio number callers dial, in E.164; how an incoming call finds its business.</summary>
    public string? TwilioNumber { get; set; }

    /// <summary>IANA zone used to show and enter times (due dates, call times) the way the business sees them.</summary>
    public string TimeZone { get; set; } = DefaultTimeZone;

    /// <summary>Feature names the business's plan enables (see <see cref="Features.FeatureNames"/>).</summary>
    public List<string> PlanFeatures { get; set; } = [];

    public DateTimeOffset CreatedAt { get; set; }
}
