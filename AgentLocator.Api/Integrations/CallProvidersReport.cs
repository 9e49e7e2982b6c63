using AgentLocator.Api.Integrations.Whisper;
using AgentLocator.Grains.Calls.Providers;

namespace AgentLocator.Api.Integrations;

/// <summary>
/// Says at start-up which call stages are on, so an operator sees "transcription off" in the log rather than finding
/// out from a caller. Resolving the providers here also surfaces an unusable Google key file once, at start.
/// </summary>
internal sealed class CallProvidersReport(
    ICallTranscriber transcriber, ICallReplyWriter replies, ISpeechSynthesizer speech, ILogger<CallProvidersReport> logger)
    : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        logger.LogInformation(
            "Call providers: transcription {Transcription}, AI replies {Replies}, speech {Speech}.",
            Describe(transcriber), OnOff(replies.IsConfigured, "OPENAI_API_KEY"),
            speech.IsConfigured ? "Google Text-to-Speech" : "Twilio <Say> (GOOGLE_APPLICATION_CREDENTIALS not set)");
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// The active speech-to-text in words (order: OpenAI key → local Whisper model → none). Also the description of the
    /// "transcription" entry of /health, so the dashboard shows it.
    /// </summary>
    public static string Describe(ICallTranscriber transcriber) => transcriber switch
    {
        WhisperCallTranscriber local => $"on: local Whisper ({local.ModelName}), {TranscriptionProviders.WhisperLocal}",
        UnconfiguredCallTranscriber off => $"off ({off.Reason})",
        { IsConfigured: true } => $"on: {transcriber.Provider} (OPENAI_API_KEY)",
        _ => $"off ({transcriber.Provider})",
    };

    private static string OnOff(bool on, string setting) => on ? "on" : $"off ({setting} not set)";
}
