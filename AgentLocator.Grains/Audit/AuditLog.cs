using System.Text.Json;
using AgentLocator.Grains.Data;
using AgentLocator.Grains.Data.Entities;
using AgentLocator.Grains.Timeline;

namespace AgentLocator.Grains.Audit;

/// <summary>What changed, for an audit row's details: the value before and after.</summary>
public sealed record AuditChange<T>(T Old, T New);

/// <summary>
/// Writes the audit log. The actor (who, from which address and browser) is the request's unless one is given; the
/// business is the one the context acts for, else the actor's.
/// </summary>
public interface IAuditLog
{
    /// <summary>
    /// Adds the row to <paramref name="db"/>'s pending changes: it commits with the caller's next SaveChanges, in the
    /// same transaction as the change it records, so a change is never logged without happening nor done unlogged.
    /// </summary>
    AuditEntry Record(AgentLocatorDbContext db, AuditAction action, AuditTarget target, object? details = null, AuditActor? actor = null);

    /// <summary>Writes the row now, on its own: for what commits no change alongside it (an export, a refused sign-in).</summary>
    Task RecordAsync(AuditAction action, AuditTarget target, object? details = null, AuditActor? actor = null,
        CancellationToken cancellationToken = default);
}

public sealed class AuditLog(TenantDbContextFactory contexts, TimeProvider clock) : IAuditLog
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public AuditEntry Record(AgentLocatorDbContext db, AuditAction action, AuditTarget target, object? details = null, AuditActor? actor = null)
    {
        var who = actor ?? AuditActor.Current;
        var tenant = db.CurrentBusinessIdForQueries;
        var row = NewRow(tenant == Guid.Empty ? who.BusinessId : tenant, action, target, details, who);
        db.Add(row);
        return row;
    }

    public async Task RecordAsync(AuditAction action, AuditTarget target, object? details = null, AuditActor? actor = null,
        CancellationToken cancellationToken = default)
    {
        var who = actor ?? AuditActor.Current;
        await using var db = contexts.AcrossTenants();
        db.Add(NewRow(who.BusinessId, action, target, details, who));
        await db.SaveChangesAsync(cancellationToken);
    }

    private AuditEntry NewRow(Guid? businessId, AuditAction action, AuditTarget target, object? details, AuditActor who)
    {
        if (!AuditActions.TryGet(action.Name, out _))
        {
            throw new ArgumentException($"'{action.Name}' is not registered in AuditActions.", nameof(action));
        }
        return new AuditEntry
        {
            Id = Guid.CreateVersion7(),
            BusinessId = businessId,
            OccurredAt = StoredTime.Now(clock),
            ActorType = who.Type,
            ActorId = who.UserId,
            ActorName = TimelineEntries.Truncate(who.Name, 200),
            Action = action.Name,
            TargetType = target.Type,
            TargetId = target.Id,
            TargetLabel = TimelineEntries.Truncate(target.Label, 300),
            Ip = TimelineEntries.Truncate(who.Ip, 64),
            UserAgent = TimelineEntries.Truncate(who.UserAgent, 400),
            DetailsJson = details is null ? "{}" : JsonSerializer.Serialize(details, details.GetType(), Json),
        };
    }
}
