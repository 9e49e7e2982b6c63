using System.Text.Json.Serialization;
using AgentLocator.Grains.Abstractions;
using AgentLocator.Grains.Data.Entities;

namespace AgentLocator.Api.Calls;

public sealed record CallTask(Guid Id, string Title, DateTimeOffset DueAt, bool Completed);

/// <summary>One row of the calls list (and the payload of the live <c>call:updated</c> message).</summary>
public sealed record CallListItem(
    Guid Id,
    string From,
    string FromDisplay,
    CustomerSummary? Customer,
    CallStatus Status,
    CallDisposition Disposition,
    DateTimeOffset StartedAt,
    DateTimeOffset? EndedAt,
    int? DurationSeconds,
    int TurnCount,
    string? Summary,
    string? Intent,
    bool HasRecording);

/// <summary>One stage of a turn's pipeline: download, transcribe, reply, speak.</summary>
public sealed record CallStageTiming(
    string Stage,
    string Outcome,
    int Milliseconds,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Detail = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Provider = null);

public sealed record CallTurnResponse(
    int Number,
    TurnState State,
    string? Transcript,
    string? Reply,
    /// <summary>How the reply reached the caller: audio (synthesized), say (Twilio's voice) or fallback.</summary>
    SpokenAs? SpokenAs,
    double? RecordingSeconds,
    /// <summary>API path of this turn's recording (Range-capable), or null when none was stored.</summary>
    string? RecordingUrl,
    /// <summary>Which speech-to-text ran on this turn: openai or whisper-local; null when none ran.</summary>
    string? TranscribedBy,
    IReadOnlyList<CallStageTiming> Stages);

public sealed record CallDetailResponse(
    Guid Id,
    string CallSid,
    string From,
    string FromDisplay,
    string To,
    CustomerSummary? Customer,
    CallStatus Status,
    CallDisposition Disposition,
    DateTimeOffset StartedAt,
    DateTimeOffset? EndedAt,
    int? DurationSeconds,
    string? Summary,
    string? Intent,
    IReadOnlyDictionary<string, string>? Lead,
    /// <summary>False in the embedded default: the page says transcription is not configured.</summary>
    bool TranscriptionConfigured,
    /// <summary>The active speech-to-text now: openai, whisper-local or none (the order: key, then local model).</summary>
    string TranscriptionProvider,
    CallTask? Task,
    IReadOnlyList<CallTurnResponse> Turns);

/// <summary>Query of <c>GET /api/calls</c>; dates are ISO-8601 (a date alone means that day in the business's zone).</summary>
public sealed record CallListRequest(string? Page, string? Limit, string? Disposition, string? From, string? To, string? CustomerId);

/// <summary>A business's answering settings; null text means "use the built-in default" (shown as <c>Default*</c>).</summary>
public sealed record CallSettingsResponse(
    string? GreetingText,
    string DefaultGreetingText,
    bool HasGreetingAudio,
    string? GreetingAudioUrl,
    string? ReplyPrompt,
    string DefaultReplyPrompt,
    string? FallbackMessage,
    string DefaultFallbackMessage,
    Guid? DefaultAgentId,
    string? TwilioNumber,
    /// <summary>Whether callers on hold hear the business's own clip (<see cref="HoldClipUrl"/>) instead of the generated one.</summary>
    bool HasHoldClip,
    string? HoldClipUrl,
    /// <summary>The uploaded clip's length as measured; it loops to cover each hold step.</summary>
    double? HoldClipSeconds,
    /// <summary>The generated hold audio callers hear when the business has no clip of its own.</summary>
    string DefaultHoldClipUrl,
    /// <summary>Working minutes after a call its follow-up task falls due (0 = at once).</summary>
    int CallbackDelayMinutes,
    /// <summary>When the business works, in its time zone; null means every day, all day.</summary>
    WorkingHoursBody? WorkingHours,
    /// <summary>The business's IANA time zone, which the working hours are in.</summary>
    string TimeZone);

/// <summary>Days (0 = Sunday … 6 = Saturday) and one opening time for all of them, as HH:mm in the business's zone.</summary>
public sealed record WorkingHoursBody(IReadOnlyList<int>? Days, string? Opens, string? Closes);

/// <summary>Body of <c>PUT /api/admin/call-settings/callback</c>; <c>workingHours</c> null means every day, all day.</summary>
public sealed record CallbackTimingRequest(int? CallbackDelayMinutes, WorkingHoursBody? WorkingHours);

public sealed record CallSettingsRequest(string? GreetingText, string? ReplyPrompt, string? FallbackMessage, Guid? DefaultAgentId);
