namespace AgentLocator.Grains.Abstractions;

/// <summary>
/// One task (keyed by task id): the single writer of its row and the owner of its alert schedule. An Orleans
/// reminder is the durable backstop and a grain timer gives sub-second precision when the alert is near; the
/// task row in Postgres stays the truth, so a lost reminder is re-armed from it.
/// </summary>
[Alias("AgentLocator.ITaskGrain")]
public interface ITaskGrain : IGrainWithGuidKey
{
    [Alias("Create")]
    Task<TaskResult> Create(Guid businessId, TaskDraft draft);

    [Alias("Update")]
    Task<TaskResult> Update(Guid businessId, TaskChanges changes);

    /// <summary>Moves the next alert to now + minutes; the due time stays.</summary>
    [Alias("Snooze")]
    Task<TaskResult> Snooze(Guid businessId, int minutes);

    [Alias("Complete")]
    Task<TaskResult> Complete(Guid businessId);

    [Alias("Reopen")]
    Task<TaskResult> Reopen(Guid businessId);

    [Alias("Delete")]
    Task<TaskResult> Delete(Guid businessId);

    /// <summary>For start-up and sweeps: re-arm from the row, and fire now if the alert is due and undelivered.</summary>
    [Alias("Reconcile")]
    Task Reconcile();

    /// <summary>What is armed right now (for operators and tests): the durable reminder and the near-time timer.</summary>
    [Alias("GetSchedule")]
    Task<TaskSchedule> GetSchedule();
}

[GenerateSerializer, Immutable]
[Alias("AgentLocator.TaskSchedule")]
public sealed record TaskSchedule([property: Id(0)] bool ReminderRegistered, [property: Id(1)] bool TimerArmed);

[GenerateSerializer, Immutable]
[Alias("AgentLocator.TaskDraft")]
public sealed record TaskDraft(
    [property: Id(0)] Guid? CustomerId,
    [property: Id(1)] Guid AssigneeId,
    [property: Id(2)] Guid CreatedById,
    [property: Id(3)] string Title,
    [property: Id(4)] string? Notes,
    [property: Id(5)] DateTimeOffset DueAt,
    [property: Id(6)] int? RemindBeforeMinutes,
    [property: Id(7)] Guid? CallId = null);

[GenerateSerializer, Immutable]
[Alias("AgentLocator.TaskChanges")]
public sealed record TaskChanges
{
    [Id(0)] public FieldChange<string> Title { get; init; }
    [Id(1)] public FieldChange<string> Notes { get; init; }
    [Id(2)] public FieldChange<DateTimeOffset> DueAt { get; init; }
    [Id(3)] public FieldChange<Guid> AssigneeId { get; init; }
    [Id(4)] public FieldChange<int?> RemindBeforeMinutes { get; init; }

    /// <summary>The call the task follows up; a callback that took in a later call points at the latest.</summary>
    [Id(5)] public FieldChange<Guid> CallId { get; init; }
}

public enum TaskOutcome
{
    Ok,
    NotFound,
    Invalid,
    CustomerNotFound,
    AssigneeNotFound,
    CallNotFound,
}

/// <summary>
/// What a command answers: on success the task as saved, its customer and the call it came from (when it has
/// them), so the caller needs no read.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("AgentLocator.TaskResult")]
public sealed record TaskResult(
    [property: Id(0)] TaskOutcome Outcome,
    [property: Id(1)] TaskSnapshot? Task = null,
    [property: Id(2)] IReadOnlyDictionary<string, string[]>? Errors = null,
    [property: Id(3)] CustomerSummary? Customer = null,
    [property: Id(4)] TaskCallSummary? Call = null)
{
    public static TaskResult NotFound { get; } = new(TaskOutcome.NotFound);
}

[GenerateSerializer, Immutable]
[Alias("AgentLocator.TaskSnapshot")]
public sealed record TaskSnapshot(
    [property: Id(0)] Guid Id,
    [property: Id(1)] Guid BusinessId,
    [property: Id(2)] Guid? CustomerId,
    [property: Id(3)] Guid AssigneeId,
    [property: Id(4)] string Title,
    [property: Id(5)] string? Notes,
    [property: Id(6)] DateTimeOffset DueAt,
    [property: Id(7)] int? RemindBeforeMinutes,
    [property: Id(8)] DateTimeOffset RemindAt,
    [property: Id(9)] string Status,
    [property: Id(10)] DateTimeOffset? CompletedAt,
    [property: Id(11)] DateTimeOffset CreatedAt,
    [property: Id(12)] DateTimeOffset UpdatedAt,
    [property: Id(13)] DateTimeOffset? DeletedAt,
    [property: Id(14)] Guid? CallId = null)
{
    /// <summary>Whether an alert for this task may still be showing: open, not deleted, and its reminder time has come.</summary>
    public bool IsRinging(DateTimeOffset now) => Status == "open" && DeletedAt is null && RemindAt <= now;
}

/// <summary>The call a task came from, as a task shows it: where to open it, and who called (the raw caller ID).</summary>
[GenerateSerializer, Immutable]
[Alias("AgentLocator.TaskCallSummary")]
public sealed record TaskCallSummary([property: Id(0)] Guid Id, [property: Id(1)] string From);
