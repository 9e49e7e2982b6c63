namespace AgentLocator.Grains.Data.Entities;

/// <summary>Who did what a timeline event records.</summary>
public static class TimelineActorTypes
{
    public const string Agent = "agent";
    public const string System = "system";
    public const string Caller = "caller";
}

/// <summary>
/// One thing that happened with a customer (or, with no customer, with the business): a call, a task change, a
/// note, a customer change. Written in the same transaction as the change it records, by the writers in
/// <c>Grains/Timeline/</c>; the card's own fields are in <see cref="PayloadJson"/>, so a page draws it without
/// another request.
/// </summary>
public sealed class TimelineEvent : IBusinessOwned
{
    public Guid Id { get; set; }
    public Guid BusinessId { get; set; }

    /// <summary>Null for an event of the business only (a withheld caller, a task without a customer).</summary>
    public Guid? CustomerId { get; set; }

    /// <summary>A name registered in <c>TimelineKinds</c>: call, task, note, customer, …</summary>
    public required string Kind { get; set; }

    public DateTimeOffset OccurredAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>See <see cref="TimelineActorTypes"/>.</summary>
    public string ActorType { get; set; } = TimelineActorTypes.System;
    public Guid? ActorId { get; set; }
    public string? ActorName { get; set; }

    public required string Title { get; set; }
    public string? Summary { get; set; }

    /// <summary>The web route of the source: /calls/{id}, /tasks/{id}, /customers/{id}.</summary>
    public string? Link { get; set; }

    public bool Pinned { get; set; }

    /// <summary>The row the event is about (call, task, note or customer id).</summary>
    public Guid? SourceId { get; set; }

    /// <summary>
    /// Set where one event per source (and change) is the rule — one per call, one "created" per task — and unique
    /// per kind, so a retried write or a re-run backfill cannot make a second one. Null for repeatable changes.
    /// </summary>
    public string? SourceKey { get; set; }

    /// <summary>The kind's card as JSON (camelCase), e.g. a call's disposition and duration.</summary>
    public string PayloadJson { get; set; } = "{}";

    /// <summary>Title, summary and the card's text in one column for <c>q</c> (trigram index, any part of a word).</summary>
    public string SearchText { get; set; } = "";
}
