namespace AgentLocator.Grains.Data.Entities;

public static class OutboxPushStates
{
    /// <summary>Recorded, not yet sent: any instance's sender may claim it.</summary>
    public const string Pending = "pending";
    public const string Sent = "sent";

    /// <summary>Refused, or still failing after the retries: not tried again.</summary>
    public const string Failed = "failed";

    /// <summary>The push service no longer knows the subscription (or it expired, or was removed): it was deleted.</summary>
    public const string Gone = "gone";
}

/// <summary>
/// One Web Push message for one browser subscription, recorded in the transaction that marks the alert delivered,
/// so a push outlives the process that decided to send it. A sender claims a pending row for a lease
/// (<see cref="ClaimedUntil"/>, <see cref="ClaimToken"/>); a claim whose lease ran out belongs to an instance that
/// died, and any sender may claim the row again.
/// </summary>
public sealed class OutboxPush : IBusinessOwned
{
    public Guid Id { get; set; }
    public Guid BusinessId { get; set; }
    public Guid UserId { get; set; }

    /// <summary>Null once the subscription is deleted (unsubscribed, gone); a pending row then has nobody to go to.</summary>
    public Guid? SubscriptionId { get; set; }

    public required string Payload { get; set; }
    public string? Topic { get; set; }
    public int TimeToLiveSeconds { get; set; }
    public required string Urgency { get; set; }
    public string State { get; set; } = OutboxPushStates.Pending;
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ClaimedUntil { get; set; }
    public Guid? ClaimToken { get; set; }

    /// <summary>How many times a sender claimed it: more than one means a sender died or stopped holding it.</summary>
    public int Claims { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }
}
