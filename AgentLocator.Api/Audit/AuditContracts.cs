using System.Text.Json;
using AgentLocator.Grains.Data.Entities;

namespace AgentLocator.Api.Audit;

/// <summary>
/// The audit log's filters. <c>actor</c>: a user id, or an actor type (system, operator, anonymous); <c>from</c>/<c>to</c>:
/// a date (a whole day in the business's zone) or an ISO-8601 timestamp; <c>targetId</c> needs <c>targetType</c>.
/// </summary>
public sealed record AuditListRequest(
    string? Page, string? Limit, string? Action, string? Actor, string? From, string? To, string? TargetType, string? TargetId);

/// <summary>One audit row; <c>details</c> is what changed (old → new), counts or the filter used, as recorded.</summary>
public sealed record AuditEntryResponse(
    Guid Id,
    DateTimeOffset OccurredAt,
    string ActorType,
    Guid? ActorId,
    string? ActorName,
    string Action,
    string TargetType,
    string? TargetId,
    string? TargetLabel,
    string? Ip,
    string? UserAgent,
    JsonElement Details)
{
    public static AuditEntryResponse From(AuditEntry row)
    {
        using var details = JsonDocument.Parse(row.DetailsJson);
        return new(row.Id, row.OccurredAt, row.ActorType, row.ActorId, row.ActorName, row.Action, row.TargetType, row.TargetId,
            row.TargetLabel, row.Ip, row.UserAgent, details.RootElement.Clone());
    }
}
