namespace AgentLocator.Grains.Abstractions;

/// <summary>
/// Who a task or call is about, as every list row, alert and push shows it: the one shape of "the customer in
/// brief", so a grain can hand it back with its answer and nobody reads the customer again.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("AgentLocator.CustomerSummary")]
public sealed record CustomerSummary([property: Id(0)] Guid Id, [property: Id(1)] string Name, [property: Id(2)] string? Phone);
