namespace AgentLocator.Grains.Abstractions;

/// <summary>
/// A timeline event as saved, for the API to answer a write with and to push live without reading it back. The
/// kind's card is <see cref="PayloadJson"/>; the API turns it into the wire item for each viewer.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("AgentLocator.TimelineEntry")]
public sealed record TimelineEntry(
    [property: Id(0)] Guid Id,
    [property: Id(1)] Guid BusinessId,
    [property: Id(2)] Guid? CustomerId,
    [property: Id(3)] string? CustomerName,
    [property: Id(4)] string Kind,
    [property: Id(5)] DateTimeOffset OccurredAt,
    [property: Id(6)] DateTimeOffset UpdatedAt,
    [property: Id(7)] string ActorType,
    [property: Id(8)] Guid? ActorId,
    [property: Id(9)] string? ActorName,
    [property: Id(10)] string Title,
    [property: Id(11)] string? Summary,
    [property: Id(12)] string? Link,
    [property: Id(13)] bool Pinned,
    [property: Id(14)] string PayloadJson);
