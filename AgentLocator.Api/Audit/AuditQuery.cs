using AgentLocator.Api.Calls;
using AgentLocator.Api.Infrastructure.Paging;
using AgentLocator.Grains.Audit;
using AgentLocator.Grains.Data;
using AgentLocator.Grains.Data.Entities;

namespace AgentLocator.Api.Audit;

/// <summary>The audit log's filters, parsed and checked once for the page and the CSV export alike.</summary>
public sealed record AuditQuery(
    PageRequest Paging, string? Action, Guid? ActorId, string? ActorType, DateTimeOffset? From, DateTimeOffset? To, string? TargetType, string? TargetId)
{
    public static async Task<(AuditQuery? Query, Dictionary<string, string[]> Errors)> ParseAsync(
        AuditListRequest request, AgentLocatorDbContext db, Guid businessId, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var paging = PageRequest.Parse(request.Page, request.Limit, errors);

        string? action = null;
        if (request.Action is { Length: > 0 } actionText)
        {
            if (AuditActions.TryGet(actionText, out var known)) { action = known.Name; }
            else { errors["action"] = [$"action must be one of: {string.Join(", ", AuditActions.Names)}."]; }
        }

        Guid? actorId = null;
        string? actorType = null;
        if (request.Actor is { Length: > 0 } actorText)
        {
            if (Guid.TryParse(actorText, out var id)) { actorId = id; }
            else if (AuditActorTypes.All.Contains(actorText) && actorText != AuditActorTypes.User) { actorType = actorText; }
            else { errors["actor"] = ["actor must be a user id, or one of: system, operator, anonymous."]; }
        }

        string? targetType = null;
        if (request.TargetType is { Length: > 0 } targetText)
        {
            if (AuditTargetTypes.All.Contains(targetText)) { targetType = targetText; }
            else { errors["targetType"] = [$"targetType must be one of: {string.Join(", ", AuditTargetTypes.All)}."]; }
        }
        var targetId = request.TargetId is { Length: > 0 } ? request.TargetId.Trim() : null;
        if (targetId is not null && request.TargetType is not { Length: > 0 })
        {
            errors["targetId"] = ["targetId needs targetType."];
        }
        else if (targetId is { Length: > 64 })
        {
            errors["targetId"] = ["targetId is at most 64 characters."];
        }

        // The zone matters only for a date filter; the plain log asks nothing more of the database.
        var zone = request.From is { Length: > 0 } || request.To is { Length: > 0 }
            ? await CallsApi.BusinessZoneAsync(db, businessId, cancellationToken)
            : TimeZoneInfo.Utc;
        var from = CallsApi.ParseBound(request.From, "from", zone, endOfDay: false, errors);
        var to = CallsApi.ParseBound(request.To, "to", zone, endOfDay: true, errors);
        if (from is not null && to is not null && from > to)
        {
            errors["to"] = ["to must not be before from."];
        }
        return errors.Count > 0 ? (null, errors) : (new AuditQuery(paging, action, actorId, actorType, from, to, targetType, targetId), errors);
    }

    /// <summary>The business's rows (the context's tenant filter) that match, newest first.</summary>
    public IQueryable<AuditEntry> Apply(IQueryable<AuditEntry> rows)
    {
        if (Action is not null) { rows = rows.Where(row => row.Action == Action); }
        if (ActorId is not null) { rows = rows.Where(row => row.ActorId == ActorId); }
        if (ActorType is not null) { rows = rows.Where(row => row.ActorType == ActorType); }
        if (From is not null) { rows = rows.Where(row => row.OccurredAt >= From); }
        if (To is not null) { rows = rows.Where(row => row.OccurredAt < To); }
        if (TargetType is not null) { rows = rows.Where(row => row.TargetType == TargetType); }
        if (TargetId is not null) { rows = rows.Where(row => row.TargetId == TargetId); }
        return rows.OrderByDescending(row => row.OccurredAt).ThenByDescending(row => row.Id);
    }
}
