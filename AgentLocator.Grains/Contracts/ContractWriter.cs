using AgentLocator.Grains.Audit;
using AgentLocator.Grains.Data;
using AgentLocator.Grains.Data.Entities;
using AgentLocator.Grains.Timeline;
using Microsoft.EntityFrameworkCore;

namespace AgentLocator.Grains.Contracts;

/// <summary>
/// Contract writes on a tenant's context: made from a template's current version, a draft's title and values edited,
/// status moved. Each write commits with its audit row and, for creation and every status, its timeline event.
/// </summary>
public sealed class ContractWriter(AgentLocatorDbContext db, TimeProvider clock, IAuditLog audit)
{
    public async Task<ContractOutcome> CreateAsync(Guid customerId, Guid templateId, string? title, IReadOnlyDictionary<string, string?>? values,
        Guid userId, CancellationToken cancellationToken)
    {
        var customer = await db.Customers.AsNoTracking().FirstOrDefaultAsync(c => c.Id == customerId && c.DeletedAt == null, cancellationToken);
        if (customer is null)
        {
            return ContractOutcome.NotFound;
        }
        var template = await db.ContractTemplates.AsNoTracking().FirstOrDefaultAsync(t => t.Id == templateId, cancellationToken);
        if (template is null)
        {
            return ContractOutcome.Invalid("templateId", "No such template.");
        }
        if (template.ArchivedAt is not null)
        {
            return ContractOutcome.Conflict("The template is archived; contracts are made from current templates.");
        }
        var version = await db.ContractTemplateVersions.AsNoTracking()
            .FirstAsync(v => v.TemplateId == templateId && v.Version == template.CurrentVersion, cancellationToken);
        var errors = new Dictionary<string, string[]>();
        var clean = ContractFields.Clean(ContractFields.Read(version.FieldsJson), values, errors);
        if (errors.Count > 0)
        {
            return ContractOutcome.Invalid(errors);
        }
        var now = StoredTime.Now(clock);
        var contract = new Contract
        {
            Id = Guid.CreateVersion7(), BusinessId = customer.BusinessId, CustomerId = customer.Id, TemplateId = template.Id,
            TemplateVersion = version.Version, Title = title ?? version.Name, FieldValuesJson = ContractFields.WriteValues(clean),
            ContractDate = await TodayAsync(customer.BusinessId, cancellationToken), CreatedAt = now, CreatedById = userId, UpdatedAt = now,
            StatusChangedAt = now,
        };
        db.Contracts.Add(contract);
        ContractTimelineEvents.Add(db, contract, ContractTimelineEvents.Created, now, userId, await NameOfAsync(userId, cancellationToken));
        audit.Record(db, AuditActions.ContractCreated, AuditTarget.Contract(contract.Id, contract.Title),
            new { customerId = customer.Id, templateId = template.Id, templateVersion = version.Version });
        await db.SaveChangesAsync(cancellationToken);
        return ContractOutcome.Ok(contract.Id);
    }

    /// <summary>A draft's title and custom values (null: unchanged); anything else is final (409).</summary>
    public async Task<ContractOutcome> EditDraftAsync(Guid id, string? title, IReadOnlyDictionary<string, string?>? values, CancellationToken cancellationToken)
    {
        var contract = await db.Contracts.FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (contract is null)
        {
            return ContractOutcome.NotFound;
        }
        if (contract.Status != ContractStatus.Draft)
        {
            return ContractOutcome.Conflict("Only a draft contract is edited.");
        }
        var changed = new List<string>();
        if (values is not null)
        {
            var version = await db.ContractTemplateVersions.AsNoTracking()
                .FirstAsync(v => v.TemplateId == contract.TemplateId && v.Version == contract.TemplateVersion, cancellationToken);
            var errors = new Dictionary<string, string[]>();
            var clean = ContractFields.Clean(ContractFields.Read(version.FieldsJson), values, errors);
            if (errors.Count > 0)
            {
                return ContractOutcome.Invalid(errors);
            }
            contract.FieldValuesJson = ContractFields.WriteValues(clean);
            changed.Add("fieldValues");
        }
        if (title is not null && title != contract.Title)
        {
            contract.Title = title;
            changed.Add("title");
        }
        contract.UpdatedAt = StoredTime.Now(clock);
        audit.Record(db, AuditActions.ContractChanged, AuditTarget.Contract(contract.Id, contract.Title), new { fields = changed });
        await db.SaveChangesAsync(cancellationToken);
        return ContractOutcome.Ok(contract.Id);
    }

    /// <summary>One legal status move (see <see cref="ContractTransitions"/>), under the row's lock; any other is 409.</summary>
    public async Task<ContractOutcome> MoveAsync(Guid id, ContractStatus to, Guid? userId, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var contract = await db.Contracts.FromSql($"SELECT * FROM contracts WHERE id = {id} FOR UPDATE").FirstOrDefaultAsync(cancellationToken);
        if (contract is null)
        {
            return ContractOutcome.NotFound;
        }
        var from = contract.Status;
        if (!ContractTransitions.IsAllowed(from, to))
        {
            return ContractOutcome.IllegalMove(from, to);
        }
        var now = StoredTime.Now(clock);
        contract.Status = to;
        contract.StatusChangedAt = now;
        contract.UpdatedAt = now;
        var change = WireNames<ContractStatus>.Of(to);
        ContractTimelineEvents.Add(db, contract, change, now, userId, userId is { } user ? await NameOfAsync(user, cancellationToken) : null);
        audit.Record(db, AuditActions.ContractStatusChanged, AuditTarget.Contract(contract.Id, contract.Title),
            new AuditChange<string>(WireNames<ContractStatus>.Of(from), change));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return ContractOutcome.Ok(contract.Id);
    }

    private async Task<string?> NameOfAsync(Guid userId, CancellationToken cancellationToken) =>
        await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.DisplayName).FirstOrDefaultAsync(cancellationToken);

    private Task<DateOnly> TodayAsync(Guid businessId, CancellationToken cancellationToken) => TodayAsync(db, businessId, clock, cancellationToken);

    /// <summary>The business's date now, in its own time zone (a contract made at 01:00 in Israel is dated that day, not UTC's).</summary>
    public static async Task<DateOnly> TodayAsync(AgentLocatorDbContext db, Guid businessId, TimeProvider clock, CancellationToken cancellationToken)
    {
        var zone = await db.Businesses.AsNoTracking().Where(b => b.Id == businessId).Select(b => b.TimeZone).FirstOrDefaultAsync(cancellationToken);
        var timeZone = TimeZoneInfo.FindSystemTimeZoneById(zone ?? Business.DefaultTimeZone);
        return DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), timeZone).DateTime);
    }
}
