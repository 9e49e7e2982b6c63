namespace AgentLocator.Grains.Data.Entities;

public static class WhatsAppMediaJobStates
{
    /// <summary>Waiting for its next attempt (<see cref="WhatsAppMediaJob.NextAttemptAt"/>): any instance's copier may claim it.</summary>
    public const string Pending = "pending";
    public const string Done = "done";

    /// <summary>Still failing after the last attempt: the message keeps Twilio's URLs and is not tried again.</summary>
    public const string Failed = "failed";
}

/// <summary>
/// The copy of one inbound message's media from Twilio into our store (and a voice note's transcription), recorded in
/// the transaction that stores the message, so a restart never loses it. A copier claims a pending row for a lease
/// (<see cref="ClaimedUntil"/>, <see cref="ClaimToken"/>); a failed attempt puts it back with a later
/// <see cref="NextAttemptAt"/> (back-off); a claim whose lease ran out belongs to an instance that died.
/// </summary>
public sealed class WhatsAppMediaJob : IBusinessOwned
{
    public Guid Id { get; set; }
    public Guid BusinessId { get; set; }
    public Guid MessageId { get; set; }
    public string State { get; set; } = WhatsAppMediaJobStates.Pending;

    /// <summary>Attempts started so far (a claim counts as one).</summary>
    public int Attempts { get; set; }

    public DateTimeOffset NextAttemptAt { get; set; }
    public DateTimeOffset? ClaimedUntil { get; set; }
    public Guid? ClaimToken { get; set; }

    /// <summary>Why the latest failed attempt failed (kept once done), for looking into a slow or stuck copy; a reason, never credentials.</summary>
    public string? LastError { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
}
