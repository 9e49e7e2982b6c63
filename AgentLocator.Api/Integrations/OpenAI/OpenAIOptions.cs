namespace AgentLocator.Api.Integrations.OpenAI;

/// <summary>The OpenAI (or OpenAI-compatible) service behind transcription and replies. Bound from <c>OpenAI:*</c>.</summary>
public sealed class OpenAIOptions
{
    public const string SectionName = "OpenAI";

    /// <summary>OPENAI_API_KEY. A secret: never logged. Without it transcription and replies are off.</summary>
    public string? ApiKey { get; set; }

    /// <summary>
    /// OPENAI_BASE_URL: any OpenAI-compatible base URL (e.g. <c>http://127.0.0.1:1234/v1</c>); empty means OpenAI itself.
    /// </summary>
    public string? Endpoint { get; set; }

    public string TranscriptionModel { get; set; } = "whisper-1";

    public string ChatModel { get; set; } = "gpt-4o-mini";

    /// <summary>
    /// The network timeout of each request. Twilio waits about 15 s for the webhook that carries the reply, so a slow
    /// model must fail fast enough for the caller to hear the fallback instead of silence.
    /// </summary>
    public int TimeoutSeconds { get; set; } = 20;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(ApiKey);

    internal Uri? EndpointUri => string.IsNullOrWhiteSpace(Endpoint) ? null : new Uri(Endpoint.Trim(), UriKind.Absolute);
}
