namespace AgentLocator.Api.Integrations.GoogleTts;

/// <summary>Google Cloud Text-to-Speech. Bound from <c>Google:*</c>.</summary>
public sealed class GoogleSpeechOptions
{
    public const string SectionName = "Google";

    /// <summary>GOOGLE_APPLICATION_CREDENTIALS: a service-account key file. Holds a private key: its contents are never logged.</summary>
    public string? CredentialsPath { get; set; }

    /// <summary>The REST base address; a local fake that speaks the same wire format can stand in for it.</summary>
    public string TextToSpeechEndpoint { get; set; } = "https://texttospeech.googleapis.com";

    public string Voice { get; set; } = "he-IL-Wavenet-A";

    /// <summary>For the token and the synthesis together: a reply that is late is worth less than the <c>&lt;Say&gt;</c> fallback.</summary>
    public int TimeoutSeconds { get; set; } = 10;
}
