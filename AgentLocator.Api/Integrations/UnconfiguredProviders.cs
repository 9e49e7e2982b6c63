using AgentLocator.Grains.Calls.Providers;

namespace AgentLocator.Api.Integrations;

// The embedded default (no OPENAI_API_KEY): calls are still answered and recorded, and the pipeline, seeing
// IsConfigured false, plays the business's fallback message instead of calling these.

/// <summary>No speech-to-text: no OpenAI key, and no local Whisper model (or one that did not load: <see cref="Reason"/>).</summary>
public sealed class UnconfiguredCallTranscriber(string reason = UnconfiguredCallTranscriber.NothingSet) : ICallTranscriber
{
    public const string NothingSet = "neither OPENAI_API_KEY nor Whisper__ModelPath is set";

    /// <summary>Why transcription is off, for the start-up log and /health.</summary>
    public string Reason { get; } = reason;

    public bool IsConfigured => false;

    public string Provider => TranscriptionProviders.None;

    public Task<string> TranscribeAsync(RecordingAudio audio, CancellationToken cancellationToken) =>
        throw new InvalidOperationException($"Transcription is not configured ({Reason}): set OPENAI_API_KEY or Whisper__ModelPath.");
}

public sealed class UnconfiguredCallReplyWriter : ICallReplyWriter
{
    public bool IsConfigured => false;

    public Task<string> WriteReplyAsync(ReplyRequest request, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("AI replies are not configured: set OPENAI_API_KEY.");

    public Task<CallSummary> SummarizeAsync(SummaryRequest request, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("AI summaries are not configured: set OPENAI_API_KEY.");
}
