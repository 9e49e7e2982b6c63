namespace AgentLocator.Api.Integrations.Twilio;

/// <summary>What sending WhatsApp messages through Twilio's Messages API needs. Bound from <c>Twilio:*</c> and <c>Public:Host</c>.</summary>
public sealed class WhatsAppSendOptions
{
    public string? AccountSid { get; set; }

    /// <summary>A secret: never logged.</summary>
    public string? AuthToken { get; set; }

    /// <summary>Where the status callback reaches us (PUBLIC_HOST).</summary>
    public string? PublicHost { get; set; }

    /// <summary>
    /// <c>Twilio:ApiBaseUrl</c>: another address for <c>https://api.twilio.com</c> (the local fake in tests and
    /// development). Unset in production.
    /// </summary>
    public Uri? ApiBaseUrl { get; set; }

    internal bool IsConfigured => !string.IsNullOrWhiteSpace(AccountSid) && !string.IsNullOrWhiteSpace(AuthToken) && !string.IsNullOrWhiteSpace(PublicHost);
}
