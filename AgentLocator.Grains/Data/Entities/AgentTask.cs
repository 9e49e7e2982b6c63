namespace AgentLocator.Grains.Data.Entities;

public static class TaskStatuses
{
    public const string Open = "open";
    public const string Done = "done";
}

/// <summary>A follow-up an agent must do for a customer by a time. Named AgentTask to stay clear of System.Threading.Tasks.Task.</summary>
public sealed class AgentTask : IBusinessOwned
{
    public Guid Id { get; set; }
    public Guid BusinessId { get; set; }

    /// <summary>
    /// Who the task is for. Null only for a message left by a withheld caller: there is nobody to file it under,
    /// and the message must still reach an agent (the task then points at its <see cref="CallId"/>).
    /// </summary>
    public Guid? CustomerId { get; set; }

    /// <summary>The call the task follows up, when a call made it: the agent opens the call and its recording from the task.</summary>
    public Guid? CallId { get; set; }

    public Guid AssigneeId { get; set; }
    public Guid CreatedById { get; set; }
    public required string Title { get; set; }
    public string? Notes { get; set; }
    public DateTimeOffset DueAt { get; set; }

    /// <summary>Minutes before <see cref="DueAt"/> the alert fires; null or 0 means at the due time.</summary>
    public int? RemindBeforeMinutes { get; set; }

    /// <summary>
    /// When the alert fires next: due time less the reminder lead, or the end of a snooze. Snoozing moves this,
    /// never <see cref="DueAt"/>. The task row, not the Orleans reminder, is the truth about it.
    /// </summary>
    public DateTimeOffset RemindAt { get; set; }

    public string Status { get; set; } = TaskStatuses.Open;
    public DateTimeOffset? CompletedAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? DeletedAt { get; set; }
}

/// <summary>
/// One alert for one reminder time of a task. The unique (task, reminder time) key is what makes an alert fire
/// once however many silos or retried ticks try; <see cref="DeliveredAt"/> stays null until it was sent, so a
/// silo that died in between leaves work the next start-up finds.
/// </summary>
public sealed class TaskAlert : IBusinessOwned
{
    public Guid Id { get; set; }
    public Guid BusinessId { get; set; }
    public Guid TaskId { get; set; }
    public DateTimeOffset ReminderAt { get; set; }
    public DateTimeOffset ClaimedAt { get; set; }
    public DateTimeOffset? DeliveredAt { get; set; }
}

/// <summary>A browser's Web Push subscription (RFC 8030), as the Push API hands it to the page.</summary>
public sealed class PushSubscription : IBusinessOwned
{
    public Guid Id { get; set; }
    public Guid BusinessId { get; set; }
    public Guid UserId { get; set; }

    /// <summary>The push service URL; unique, since one browser profile has one per origin.</summary>
    public required string Endpoint { get; set; }

    /// <summary>The browser's P-256 public key (base64url, uncompressed point).</summary>
    public required string P256dh { get; set; }

    /// <summary>The 16-byte authentication secret (base64url).</summary>
    public required string Auth { get; set; }

    public DateTimeOffset? ExpiresAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? LastSuccessAt { get; set; }
}
