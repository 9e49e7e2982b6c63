namespace AgentLocator.Api.Integrations.Twilio;

/// <summary>What the webhooks need to trust and answer Twilio. Bound from <c>Twilio:*</c> and <c>Public:Host</c>.</summary>
public sealed class TwilioOptions
{
    /// <summary>Google's Hebrew voice on Twilio, for <c>&lt;Say&gt;</c> when <c>Twilio:SayVoice</c> names none.</summary>
    public const string DefaultSayVoice = "Google.he-IL-Standard-A";

    /// <summary>Signs Twilio's requests (TWILIO_TOKEN). A secret: never logged.</summary>
    public string? AuthToken { get; set; }

    /// <summary>
    /// Where Twilio reaches us (PUBLIC_HOST, e.g. <c>https://crm.example.com</c>). Signatures are checked against it
    /// rather than against what a proxy forwards, which a proxy may have rewritten.
    /// </summary>
    public string? PublicHost { get; set; }

    /// <summary>The voice for Hebrew <c>&lt;Say&gt;</c>.</summary>
    public string SayVoice { get; set; } = DefaultSayVoice;
}
