namespace AgentLocator.Grains.Data.Entities;

/// <summary>Where a call stands, in Twilio's own words (its CallStatus values), so callbacks map one to one.</summary>
public static class CallStatuses
{
    public const string InProgress = "in-progress";
    public const string Completed = "completed";
    public const string Busy = "busy";
    public const string NoAnswer = "no-answer";
    public const string Failed = "failed";
    public const string Canceled = "canceled";

    public static readonly IReadOnlyList<string> All = [InProgress, Completed, Busy, NoAnswer, Failed, Canceled];
    public static readonly IReadOnlyList<string> Final = [Completed, Busy, NoAnswer, Failed, Canceled];

    public static bool IsFinal(string status) => Final.Contains(status);
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

    public string Status { get; set; } = CallStatuses.InProgress;

    /// <summary>Twilio's Direction: inbound, outbound-api, outbound-dial.</summary>
    public string Direction { get; set; } = "inbound";

    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset? EndedAt { get; set; }
    public int? DurationSeconds { get; set; }

    public string? RecordingUrl { get; set; }
    public string? RecordingSid { get; set; }
    public string? RecordingStatus { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
