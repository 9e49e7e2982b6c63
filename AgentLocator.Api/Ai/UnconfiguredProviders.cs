using AgentLocator.Grains.Calls.Providers;

namespace AgentLocator.Api.Ai;

// The embedded default (no OPENAI_API_KEY): calls are still answered and recorded, and the pipeline, seeing
// IsConfigured false, plays the business's fallback message instead of calling these.

public sealed class UnconfiguredCallTranscriber : ICallTranscriber
{
    public bool IsConfigured => false;

    public Task<string> TranscribeAsync(RecordingAudio audio, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("Transcription is not configured: set OPENAI_API_KEY.");
}

public sealed class UnconfiguredCallReplyWriter : ICallReplyWriter
{
    public bool IsConfigured => false;

    public Task<string> WriteReplyAsync(ReplyRequest request, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("AI replies are not configured: set OPENAI_API_KEY.");

    public Task<CallSummary> SummarizeAsync(SummaryRequest request, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("AI summaries are not configured: set OPENAI_API_KEY.");
}
