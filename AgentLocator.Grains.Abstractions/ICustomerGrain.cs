namespace AgentLocator.Grains.Abstractions;

/// <summary>
/// The single writer for one customer (keyed by customer id). Every change to the customer row — edits,
/// delete and restore, notes, and activity other capabilities report — goes through it, one at a time.
/// Each call names the caller's business; a customer of another business answers NotFound.
/// </summary>
[Alias("AgentLocator.ICustomerGrain")]
public interface ICustomerGrain : IGrainWithGuidKey
{
    [Alias("Create")]
    Task<CustomerResult> Create(Guid businessId, CustomerChanges changes);

    [Alias("Update")]
    Task<CustomerResult> Update(Guid businessId, CustomerChanges changes);

    /// <summary>Fills only the fields the customer lacks and adds tags; used when an import meets a known phone.</summary>
    [Alias("Merge")]
    Task<CustomerResult> Merge(Guid businessId, CustomerChanges changes);

    [Alias("Delete")]
    Task<CustomerResult> Delete(Guid businessId, Guid actorId);

    [Alias("Restore")]
    Task<CustomerResult> Restore(Guid businessId);

    [Alias("AddNote")]
    Task<NoteResult> AddNote(Guid businessId, Guid authorId, string authorName, string text);

    /// <summary>Keeps the list's counters and last-activity time true as calls and tasks happen.</summary>
    [Alias("RecordActivity")]
    Task<CustomerResult> RecordActivity(Guid businessId, CustomerActivity activity);
}

/// <summary>A field of a partial update: absent (leave it), or set to a value (null clears it).</summary>
[GenerateSerializer, Immutable]
[Alias("AgentLocator.FieldChange")]
public readonly record struct FieldChange<T>([property: Id(0)] bool IsSet, [property: Id(1)] T? Value)
{
    public static FieldChange<T> Unchanged => default;
    public static FieldChange<T> To(T? value) => new(true, value);
}

[GenerateSerializer, Immutable]
[Alias("AgentLocator.CustomerChanges")]
public sealed record CustomerChanges
{
    [Id(0)] public FieldChange<string> Name { get; init; }
    [Id(1)] public FieldChange<string> Phone { get; init; }
    [Id(2)] public FieldChange<string> Email { get; init; }
    [Id(3)] public FieldChange<string> City { get; init; }
    [Id(4)] public FieldChange<string> Status { get; init; }
    [Id(5)] public FieldChange<IReadOnlyList<string>> Tags { get; init; }
}

[GenerateSerializer, Immutable]
[Alias("AgentLocator.CustomerActivity")]
public sealed record CustomerActivity(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] int OpenTasksDelta = 0,
    [property: Id(2)] int CallsDelta = 0);

public enum CustomerOutcome
{
    Ok,
    NotFound,
    Invalid,
    DuplicatePhone,
}

[GenerateSerializer, Immutable]
[Alias("AgentLocator.CustomerResult")]
public sealed record CustomerResult(
    [property: Id(0)] CustomerOutcome Outcome,
    [property: Id(1)] CustomerSnapshot? Customer = null,
    [property: Id(2)] IReadOnlyDictionary<string, string[]>? Errors = null,
    [property: Id(3)] Guid? ConflictingCustomerId = null)
{
    public static CustomerResult NotFound { get; } = new(CustomerOutcome.NotFound);
}

[GenerateSerializer, Immutable]
[Alias("AgentLocator.CustomerSnapshot")]
public sealed record CustomerSnapshot(
    [property: Id(0)] Guid Id,
    [property: Id(1)] Guid BusinessId,
    [property: Id(2)] string Name,
    [property: Id(3)] string? Phone,
    [property: Id(4)] string? Email,
    [property: Id(5)] string? City,
    [property: Id(6)] string Status,
    [property: Id(7)] IReadOnlyList<string> Tags,
    [property: Id(8)] DateTimeOffset CreatedAt,
    [property: Id(9)] DateTimeOffset UpdatedAt,
    [property: Id(10)] DateTimeOffset LastActivityAt,
    [property: Id(11)] int OpenTasks,
    [property: Id(12)] int Calls,
    [property: Id(13)] DateTimeOffset? DeletedAt);

[GenerateSerializer, Immutable]
[Alias("AgentLocator.NoteSnapshot")]
public sealed record NoteSnapshot(
    [property: Id(0)] Guid Id,
    [property: Id(1)] string Text,
    [property: Id(2)] string AuthorName,
    [property: Id(3)] DateTimeOffset CreatedAt);

[GenerateSerializer, Immutable]
[Alias("AgentLocator.NoteResult")]
public sealed record NoteResult(
    [property: Id(0)] CustomerOutcome Outcome,
    [property: Id(1)] NoteSnapshot? Note = null,
    [property: Id(2)] IReadOnlyDictionary<string, string[]>? Errors = null);
