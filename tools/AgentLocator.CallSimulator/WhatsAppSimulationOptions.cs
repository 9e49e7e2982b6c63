namespace AgentLocator.CallSimulator;

/// <summary>One inbound WhatsApp message to play against <c>/webhook/whatsapp</c>, as Twilio posts it.</summary>
public sealed record WhatsAppSimulationOptions
{
    public const string InboundPath = "/webhook/whatsapp";
    public const string DefaultText = "שלום, ראיתי את המודעה שלכם ואשמח לפרטים";
    public const string DefaultProfileName = "לקוח מהסימולטור";

    public Uri Api { get; init; } = new(SimulationOptions.DefaultApi);

    /// <summary>The server's PUBLIC_HOST, which the request is signed for; null means <see cref="Api"/>.</summary>
    public string? PublicHost { get; init; }

    public string AuthToken { get; init; } = SimulationOptions.DevelopmentToken;
    public string From { get; init; } = SimulationOptions.DefaultFrom;

    /// <summary>The business's WhatsApp sender (the demo business's, by default).</summary>
    public string To { get; init; } = SimulationOptions.DemoBusinessNumber;

    public string? ProfileName { get; init; } = DefaultProfileName;
    public string? Text { get; init; } = DefaultText;

    /// <summary>A voice note's audio (WAV), sent as a media item; null sends none.</summary>
    public byte[]? VoiceNote { get; init; }

    public bool Photo { get; init; }

    /// <summary>The MessageSid; a repeat with the same one is Twilio's retry, which the server stores once.</summary>
    public string? MessageSid { get; init; }

    public string? AccountSid { get; init; }

    /// <summary>How long to keep the media served for the server to copy it.</summary>
    public TimeSpan MediaDownloadWait { get; init; } = TimeSpan.FromSeconds(10);

    public TimeSpan WebhookTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>For tests; the simulation makes its own otherwise.</summary>
    public HttpClient? Http { get; init; }
}
