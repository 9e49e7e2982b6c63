using System.Text.Json.Serialization;

namespace AgentLocator.Grains.Data.Entities;

/// <summary>Where a call stands, in Twilio's own words (its CallStatus values), so callbacks map one to one.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CallStatus>))]
public enum CallStatus
{
    [JsonStringEnumMemberName("in-progress")] InProgress,
    [JsonStringEnumMemberName("completed")] Completed,
    [JsonStringEnumMemberName("busy")] Busy,
    [JsonStringEnumMemberName("no-answer")] NoAnswer,
    [JsonStringEnumMemberName("failed")] Failed,
    [JsonStringEnumMemberName("canceled")] Canceled,
}

public static class CallStatusExtensions
{
    /// <summary>Every status but in-progress: the call is over and will not change again.</summary>
    public static bool IsFinal(this CallStatus status) => status is not CallStatus.InProgress;

    /// <summary>
    /// Twilio's CallStatus word in our terms: its not-yet-final words (queued, ringing, answered) count as in-progress;
    /// null for a word we do not know.
    /// </summary>
    public static CallStatus? FromTwilio(string? twilioStatus) => twilioStatus?.Trim().ToLowerInvariant() switch
    {
        "queued" or "ringing" or "answered" => CallStatus.InProgress,
        var word when WireNames<CallStatus>.TryParse(word, out var status) => status,
        _ => null,
    };
}

/// <summary>How a call ended up, for the call log's filter and the chip on the call page.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CallDisposition>))]
public enum CallDisposition
{
    [JsonStringEnumMemberName("in-progress")] InProgress,

    /// <summary>The caller left at least one message we could hear.</summary>
    [JsonStringEnumMemberName("message")] Message,

    /// <summary>Answered, but nothing usable was said.</summary>
    [JsonStringEnumMemberName("no-message")] NoMessage,

    /// <summary>Never answered: busy, no answer, failed or canceled.</summary>
    [JsonStringEnumMemberName("missed")] Missed,
}

/// <summary>
/// One phone call Twilio brought us, keyed for idempotency by its CallSid: Twilio retries webhooks, and every
/// retry must land on this same row. Written only by the <c>CallGrain</c> of that CallSid.
/// </summary>
public sealed class Call : IBusinessOwned
{
    public Guid Id { get; set; }
    public Guid BusinessId { get; set; }

    /// <summary>Twilio's id of the call (CA…); unique across all businesses, since Twilio's are.</summary>
    public required string CallSid { get; set; }

    /// <summary>The caller, E.164 when Twilio gave a number (withheld numbers arrive as e.g. "anonymous").</summary>
    public required string From { get; set; }

    /// <summary>The business's Twilio number that was dialled, E.164.</summary>
    public required string To { get; set; }

    /// <summary>Null when the caller's number could not identify a customer (withheld).</summary>
    public Guid? CustomerId { get; set; }

    public CallStatus Status { get; set; } = CallStatus.InProgress;

    /// <summary>Twilio's Direction: inbound, outbound-api, outbound-dial.</summary>
    public string Direction { get; set; } = "inbound";

    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset? EndedAt { get; set; }
    public int? DurationSeconds { get; set; }

    public string? RecordingUrl { get; set; }
    public string? RecordingSid { get; set; }
    public string? RecordingStatus { get; set; }

    /// <summary>See <see cref="CallDisposition"/>; kept on the row so the call log can filter on it.</summary>
    public CallDisposition Disposition { get; set; } = CallDisposition.InProgress;

    /// <summary>How many recordings the caller left (the number of <see cref="CallTurn"/> rows).</summary>
    public int TurnCount { get; set; }

    /// <summary>Set once a too-short or silent recording made us ask again, so we ask only once.</summary>
    public bool Reprompted { get; set; }

    public string? Summary { get; set; }
    public string? Intent { get; set; }

    /// <summary>Lead fields the caller gave (JSON object of strings), from the after-call summary.</summary>
    public string? LeadJson { get; set; }

    /// <summary>The follow-up task made after the call; set once, which keeps retried callbacks from making another.</summary>
    public Guid? FollowUpTaskId { get; set; }

    /// <summary>When the after-call work (summary, task) was first done.</summary>
    public DateTimeOffset? ProcessedAt { get; set; }

    /// <summary>
    /// How many handled turns (no longer pending) the stored outcome — disposition, summary, follow-up task — was made
    /// from. Fewer than <see cref="TurnCount"/> means a recording or transcript came after it: the outcome is stale.
    /// </summary>
    public int OutcomeTurns { get; set; }

    /// <summary>
    /// A fingerprint of the title and notes we last wrote on the follow-up task: while the task still carries them it
    /// is ours to revise; once an agent edited it, it is theirs.
    /// </summary>
    public string? FollowUpFingerprint { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
