using System.Text.Json.Serialization;
using AgentLocator.Grains.Timeline;

namespace AgentLocator.Api.Timeline;

// The wire contract of the timeline (/work/briefs/timeline-contract.md): a page of items, newest first, each carrying
// its kind's card. Cards a kind does not have are left out of the JSON.

public sealed record TimelinePage(IReadOnlyList<TimelineItem> Items, IReadOnlyList<TimelineItem> Pinned, string? NextCursor);

public sealed record TimelineActor(string Type, Guid? Id, string? Name);

public sealed record TimelineCustomer(Guid Id, string Name);

/// <summary>A note's card for one viewer: whether they may edit (the author) or delete (the author or an admin) it.</summary>
public sealed record NoteItemCard(Guid NoteId, string Text, Guid? AuthorId, bool Edited, bool CanEdit, bool CanDelete);

public sealed record TimelineItem(
    Guid Id,
    string Kind,
    DateTimeOffset OccurredAt,
    DateTimeOffset UpdatedAt,
    string Title,
    string? Summary,
    TimelineActor Actor,
    string? Link,
    TimelineCustomer? Customer,
    bool Pinned,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] CallCard? Call = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] TaskCard? Task = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] NoteItemCard? Note = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] CustomerChangeCard? CustomerChange = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] WhatsAppCard? WhatsApp = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] InvoiceCard? Invoice = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ContractCard? Contract = null);

/// <summary>The timeline's query string; parsed by <see cref="TimelineQuery"/>, which names the field of each error.</summary>
public sealed record TimelineRequest(string[]? Kind, string? From, string? To, string? Q, string? Limit, string? Cursor, string? AgentId);

/// <summary>Today's picture of the business for the home page. Call counts are null for a user without <c>calls</c>.</summary>
public sealed record TodaySummary(int? CallsToday, int? MissedNotCalledBack, int TasksDueToday, int TasksOverdue);

public sealed record NoteCreateRequest(string? Text);

public sealed record NoteUpdateRequest(string? Text, bool? Pinned);

/// <summary>Sent as <c>timeline:removed</c> when an event goes away (a deleted note).</summary>
public sealed record TimelineRemoved(Guid Id);
