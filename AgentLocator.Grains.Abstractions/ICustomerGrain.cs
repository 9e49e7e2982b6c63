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

    /// <summary>Only the author changes the text (Forbidden otherwise); anyone may pin or unpin.</summary>
    [Alias("EditNote")]
    Task<NoteResult> EditNote(Guid businessId, Guid noteId, NoteEditor editor, NoteChanges changes);

    /// <summary>The author or an admin (Forbidden otherwise). The note's timeline event goes with it.</summary>
    [Alias("DeleteNote")]
    Task<NoteResult> DeleteNote(Guid businessId, Guid noteId, NoteEditor editor);

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

    /// <summary>The customer's tax id (ע.מ./ח.פ.): nine digits with the Israeli check digit, or null for none.</summary>
    [Id(7)] public FieldChange<string> TaxId { get; init; }

    /// <summary>Who or what made the change, for the customer's timeline; null means an agent we cannot name.</summary>
    [Id(6)] public ChangeOrigin? Origin { get; init; }
}

/// <summary>Where a customer change came from: an agent (with id and name), a call (the caller's number) or an import.</summary>
[GenerateSerializer, Immutable]
[Alias("AgentLocator.ChangeOrigin")]
public sealed record ChangeOrigin(
    [property: Id(0)] string Source,
    [property: Id(1)] Guid? ActorId = null,
    [property: Id(2)] string? ActorName = null)
{
    public const string Agent = "agent";
    public const string Call = "call";
    public const string Import = "import";
    public const string WhatsApp = "whatsapp";

    public static ChangeOrigin ByAgent(Guid userId, string? name) => new(Agent, userId, name);
    public static ChangeOrigin ByCall(string callerNumber) => new(Call, null, callerNumber);
    public static ChangeOrigin ByWhatsApp(string senderNumber) => new(WhatsApp, null, senderNumber);
    public static ChangeOrigin ByImport(Guid userId, string? name) => new(Import, userId, name);
}

/// <summary>The user changing a note: the author may edit; the author or an admin may delete.</summary>
[GenerateSerializer, Immutable]
[Alias("AgentLocator.NoteEditor")]
public sealed record NoteEditor([property: Id(0)] Guid UserId, [property: Id(1)] bool IsAdmin);

[GenerateSerializer, Immutable]
[Alias("AgentLocator.NoteChanges")]
public sealed record NoteChanges
{
    [Id(0)] public string? Text { get; init; }
    [Id(1)] public bool? Pinned { get; init; }
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

    /// <summary>The caller may not make this change (a note of someone else).</summary>
    Forbidden,
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
    [property: Id(13)] DateTimeOffset? DeletedAt,
    [property: Id(14)] string? TaxId = null);

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
    [property: Id(2)] IReadOnlyDictionary<string, string[]>? Errors = null,
    [property: Id(3)] TimelineEntry? Entry = null);
