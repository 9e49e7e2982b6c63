namespace AgentLocator.Grains.Data.Entities;

/// <summary>
/// One row of the business's audit log: who did what, to what, when and from where, and what changed. Rows are only
/// ever inserted (a trigger refuses UPDATE, DELETE and TRUNCATE), written by <c>Grains/Audit/IAuditLog</c> in the same
/// transaction as the change they record. Ids are kept as history, not as foreign keys: a row outlives what it names.
/// </summary>
public sealed class AuditEntry
{
    public Guid Id { get; set; }

    /// <summary>Null for what belongs to no business: a sign-in attempt to an email no account has (operator's eyes only).</summary>
    public Guid? BusinessId { get; set; }

    public DateTimeOffset OccurredAt { get; set; }

    /// <summary>See <c>AuditActorTypes</c>: user, system, operator, anonymous.</summary>
    public required string ActorType { get; set; }
    public Guid? ActorId { get; set; }

    /// <summary>The actor's display name as it was then.</summary>
    public string? ActorName { get; set; }

    /// <summary>A name registered in <c>AuditActions</c>.</summary>
    public required string Action { get; set; }

    public required string TargetType { get; set; }
    public string? TargetId { get; set; }
    public string? TargetLabel { get; set; }

    public string? Ip { get; set; }
    public string? UserAgent { get; set; }

    /// <summary>What changed (old → new), counts, the filter used: camelCase JSON. Never a secret.</summary>
    public string DetailsJson { get; set; } = "{}";
}
