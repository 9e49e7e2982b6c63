namespace AgentLocator.Api.Integrations.Twilio;

/// <summary>How recordings are fetched from Twilio. Bound from <c>Twilio:AccountSid</c>, <c>Twilio:AuthToken</c> and <c>Calls:*</c>.</summary>
public sealed class RecordingDownloadOptions
{
    /// <summary>TWILIO_SID. With the token, recordings are fetched with HTTP Basic auth (accounts may require it).</summary>
    public string? AccountSid { get; set; }

    /// <summary>TWILIO_TOKEN. A secret: never logged.</summary>
    public string? AuthToken { get; set; }

    /// <summary>
    /// Twilio posts RecordingUrl a little before the file is ready and answers 404 until it is, so a few tries are
    /// normal. <c>Calls:RecordingDownloadAttempts</c>.
    /// </summary>
    public int Attempts { get; set; } = 5;

    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromMilliseconds(300);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(5);

    internal bool HasCredentials => !string.IsNullOrWhiteSpace(AccountSid) && !string.IsNullOrWhiteSpace(AuthToken);
}
