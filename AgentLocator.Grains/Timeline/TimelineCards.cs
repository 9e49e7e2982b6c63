using System.Text.Json;
using System.Text.Json.Serialization;

namespace AgentLocator.Grains.Timeline;

// The cards stored in timeline_events.payload, as the wire carries them (camelCase). The backfill SQL in the
// Timeline migration writes the same shapes.

public sealed record CallCard(
    Guid CallId, string Disposition, int? DurationSeconds, string? RecordingUrl, string? TranscriptFirstLine, string? Summary);

public sealed record TaskAssignee(Guid Id, string Name);

public sealed record TaskCard(
    Guid TaskId, string Change, string Title, string Status, DateTimeOffset? DueAt, DateTimeOffset? SnoozedUntil, TaskAssignee? Assignee);

/// <summary>A note's stored card; who may edit or delete it is worked out per viewer by the API.</summary>
public sealed record NoteCard(Guid NoteId, string Text, Guid? AuthorId, bool Edited);

public sealed record FieldChangeLine(string Field, string Label, string? Old, string? New);

public sealed record CustomerChangeCard(string Change, string Source, IReadOnlyList<FieldChangeLine> Fields);

/// <summary>
/// A WhatsApp message: its id in the thread, which way it went, its text (or template), how many files came with it, and a
/// voice note's transcript once the speech-to-text has written it.
/// </summary>
public sealed record WhatsAppCard(Guid MessageId, string Direction, string? Body, string? TemplateId, int MediaCount, string? Transcript = null);

/// <summary>A tax document's event: issued, payment (a receipt) or credit; amounts in agorot.</summary>
public sealed record InvoiceCard(Guid DocumentId, string Change, string DocumentType, int Number, long TotalAgorot, string Currency,
    Guid? ReferencedDocumentId);

/// <summary>A contract's event: created, or a status move (sent, viewed, signed, declined, expired, cancelled).</summary>
public sealed record ContractCard(Guid ContractId, string Change, string Title, string Status);

public static class TimelineCards
{
    public const string TaskCreated = "created";
    public const string TaskDone = "done";
    public const string TaskReopened = "reopened";
    public const string TaskSnoozed = "snoozed";

    public const string CustomerCreated = "created";
    public const string CustomerUpdated = "updated";
    public const string CustomerImported = "imported";
    public const string CustomerMerged = "merged";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public static string Serialize<T>(T card) => JsonSerializer.Serialize(card, Json);

    public static T? Deserialize<T>(string json) => JsonSerializer.Deserialize<T>(json, Json);
}
