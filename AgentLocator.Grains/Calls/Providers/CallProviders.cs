namespace AgentLocator.Grains.Calls.Providers;

// The outside services one call turn goes through. Each is an interface so the grain's pipeline does not know
// whether it talks to Twilio/OpenAI/Google, to a local fake that speaks their wire format, or to nothing at all
// (the embedded default: IsConfigured false, and the pipeline falls back to the business's fallback message).

/// <summary>A recording's bytes as Twilio served them.</summary>
public sealed record RecordingAudio(byte[] Content, string ContentType);

/// <summary>The recording could not be fetched (after retries): gone, refused, or never became ready.</summary>
public sealed class RecordingUnavailableException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>Fetches a recording Twilio made (its RecordingUrl), retrying while Twilio is still processing it.</summary>
public interface ICallRecordingSource
{
    /// <exception cref="RecordingUnavailableException">When it could not be fetched after the retries.</exception>
    Task<RecordingAudio> DownloadAsync(string recordingUrl, CancellationToken cancellationToken);
}

/// <summary>
/// Which speech-to-text is active, recorded on each turn it transcribed. The order, decided once at start-up: an
/// OpenAI key set → <see cref="OpenAI"/> (or any OpenAI-compatible server); else a ggml model at Whisper:ModelPath that
/// loads → <see cref="WhisperLocal"/>; else <see cref="None"/>.
/// </summary>
public static class TranscriptionProviders
{
    public const string OpenAI = "openai";
    public const string WhisperLocal = "whisper-local";
    public const string None = "none";
}

/// <summary>Speech to text, Hebrew forced.</summary>
public interface ICallTranscriber
{
    /// <summary>False in the embedded default (no key): the pipeline then never calls <see cref="TranscribeAsync"/>.</summary>
    bool IsConfigured { get; }

    /// <summary>One of <see cref="TranscriptionProviders"/>.</summary>
    string Provider { get; }

    /// <returns>What was said, trimmed; empty when nothing was recognised.</returns>
    Task<string> TranscribeAsync(RecordingAudio audio, CancellationToken cancellationToken);
}

/// <summary>What we know of the caller, for the reply and the summary.</summary>
public sealed record CallerContext(string? Name, string Phone, string? Status, bool NewLead, IReadOnlyList<string> RecentNotes);

/// <summary>One exchange so far: what the caller said and what we answered (null when we had no answer).</summary>
public sealed record ConversationTurn(string CallerSaid, string? WeReplied);

public sealed record ReplyRequest(
    string BusinessName, string Prompt, CallerContext Caller, IReadOnlyList<ConversationTurn> Earlier, string Transcript);

public sealed record SummaryRequest(string BusinessName, CallerContext Caller, IReadOnlyList<ConversationTurn> Turns);

/// <summary>
/// After the call: a short Hebrew summary, the caller's intent (one word from <see cref="CallIntents"/>), and the
/// lead fields the caller gave (name, email, city, budget, …; only those said).
/// </summary>
public sealed record CallSummary(string Summary, string Intent, IReadOnlyDictionary<string, string> Lead);

public static class CallIntents
{
    public const string Inquiry = "inquiry";
    public const string Appointment = "appointment";
    public const string Complaint = "complaint";
    public const string Callback = "callback";
    public const string Sales = "sales";
    public const string Other = "other";

    public static readonly IReadOnlyList<string> All = [Inquiry, Appointment, Complaint, Callback, Sales, Other];
}

/// <summary>Writes the spoken reply and the after-call summary (a chat model).</summary>
public interface ICallReplyWriter
{
    bool IsConfigured { get; }

    /// <returns>A short Hebrew reply to speak to the caller (a sentence or two).</returns>
    Task<string> WriteReplyAsync(ReplyRequest request, CancellationToken cancellationToken);

    Task<CallSummary> SummarizeAsync(SummaryRequest request, CancellationToken cancellationToken);
}

/// <summary>Speech for Twilio to <c>&lt;Play&gt;</c>, stored as public media.</summary>
public sealed record SynthesizedSpeech(string MediaKey, string ContentType, bool FromCache);

/// <summary>Text to speech (Hebrew). The same text is synthesized once and then served from the media store.</summary>
public interface ISpeechSynthesizer
{
    bool IsConfigured { get; }

    Task<SynthesizedSpeech> SynthesizeAsync(string text, CancellationToken cancellationToken);

    /// <summary>The media key of <paramref name="text"/> already synthesized in the current voice, or null: a look in the media store, never a call out.</summary>
    Task<string?> FindCachedAsync(string text, CancellationToken cancellationToken);
}
