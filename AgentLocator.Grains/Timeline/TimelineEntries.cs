using AgentLocator.Grains.Abstractions;
using AgentLocator.Grains.Data.Entities;

namespace AgentLocator.Grains.Timeline;

/// <summary>What every writer shares: a new event row, its search text, and the saved row as an entry.</summary>
public static class TimelineEntries
{
    public const int MaxSummary = 1000;
    public const int MaxTitle = 300;

    public static TimelineEvent New(TimelineKind kind, Guid businessId, Guid? customerId, DateTimeOffset at,
        string actorType, Guid? actorId, string? actorName) => new()
    {
        Id = Guid.CreateVersion7(), BusinessId = businessId, CustomerId = customerId, Kind = kind.Name,
        OccurredAt = at, UpdatedAt = at, ActorType = actorType, ActorId = actorId, ActorName = Truncate(actorName, 200), Title = kind.DefaultTitle,
    };

    /// <summary>Sets the texts a card shows and <c>q</c> searches; <paramref name="extraText"/> is searched, not shown.</summary>
    public static void SetTexts(TimelineEvent row, string title, string? summary, string? extraText = null)
    {
        row.Title = Truncate(title, MaxTitle)!;
        row.Summary = Truncate(summary, MaxSummary);
        row.SearchText = string.Join('\n', new[] { row.Title, row.Summary, extraText }.Where(text => !string.IsNullOrWhiteSpace(text)));
    }

    public static TimelineEntry ToEntry(this TimelineEvent row, string? customerName) => new(
        row.Id, row.BusinessId, row.CustomerId, customerName, row.Kind, row.OccurredAt, row.UpdatedAt,
        row.ActorType, row.ActorId, row.ActorName, row.Title, row.Summary, row.Link, row.Pinned, row.PayloadJson);

    /// <summary>The first non-blank line, cut to a card's width.</summary>
    public static string? FirstLine(string? text, int length = 200)
    {
        var line = text?.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
        return Truncate(line, length);
    }

    public static string? Truncate(string? value, int length) => value is null || value.Length <= length ? value : value[..length];
}
