using AgentLocator.Grains.Audit;
using AgentLocator.Grains.Data;
using AgentLocator.Grains.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace AgentLocator.Grains.Contracts;

/// <summary>
/// A template's text as the API checked it: a name, sanitised HTML whose placeholders all resolve, its fields; or, for a
/// template made from an uploaded PDF, that file's id and the fields placed on its pages (the body is then empty).
/// </summary>
public sealed record TemplateDraft(string Name, string BodyHtml, IReadOnlyList<ContractField> Fields, Guid? PdfId = null,
    IReadOnlyList<PdfField>? PdfFields = null);

/// <summary>
/// Template writes on the request's context (so the tenant filter applies): a new template is version 1, an edit adds
/// the next version, removal archives. Each change and its audit row commit together.
/// </summary>
public sealed class ContractTemplateWriter(AgentLocatorDbContext db, TimeProvider clock, IAuditLog audit)
{
    public async Task<ContractOutcome> CreateAsync(TemplateDraft draft, Guid userId, CancellationToken cancellationToken)
    {
        var now = StoredTime.Now(clock);
        var template = new ContractTemplate
        {
            Id = Guid.CreateVersion7(), BusinessId = db.CurrentBusinessIdForQueries, Name = draft.Name, CurrentVersion = 1, CreatedAt = now, UpdatedAt = now,
        };
        template.Versions.Add(Version(template, 1, draft, userId, now));
        db.ContractTemplates.Add(template);
        audit.Record(db, AuditActions.ContractTemplateCreated, AuditTarget.ContractTemplate(template.Id, template.Name),
            new { version = 1, source = draft.PdfId is null ? "rich_text" : "pdf" });
        await db.SaveChangesAsync(cancellationToken);
        return ContractOutcome.Ok(template.Id);
    }

    public async Task<ContractOutcome> ReviseAsync(Guid id, TemplateDraft draft, Guid userId, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Locked, so two edits at once make versions n+1 and n+2 rather than one failing on the key.
        var template = await db.ContractTemplates.FromSql($"SELECT * FROM contract_templates WHERE id = {id} FOR UPDATE")
            .FirstOrDefaultAsync(cancellationToken);
        if (template is null)
        {
            return ContractOutcome.NotFound;
        }
        if (template.ArchivedAt is not null)
        {
            return ContractOutcome.Conflict("The template is archived; archived templates are not edited.");
        }
        var now = StoredTime.Now(clock);
        var next = template.CurrentVersion + 1;
        db.ContractTemplateVersions.Add(Version(template, next, draft, userId, now));
        var oldName = template.Name;
        template.CurrentVersion = next;
        template.Name = draft.Name;
        template.UpdatedAt = now;
        audit.Record(db, AuditActions.ContractTemplateChanged, AuditTarget.ContractTemplate(template.Id, template.Name),
            new { version = next, name = oldName == draft.Name ? null : new AuditChange<string>(oldName, draft.Name) });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return ContractOutcome.Ok(template.Id);
    }

    public async Task<ContractOutcome> ArchiveAsync(Guid id, CancellationToken cancellationToken)
    {
        var template = await db.ContractTemplates.FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (template is null || template.ArchivedAt is not null)
        {
            return ContractOutcome.NotFound;
        }
        template.ArchivedAt = StoredTime.Now(clock);
        audit.Record(db, AuditActions.ContractTemplateArchived, AuditTarget.ContractTemplate(template.Id, template.Name));
        await db.SaveChangesAsync(cancellationToken);
        return ContractOutcome.Ok(template.Id);
    }

    private static ContractTemplateVersion Version(ContractTemplate template, int version, TemplateDraft draft, Guid userId, DateTimeOffset now) => new()
    {
        TemplateId = template.Id, Version = version, BusinessId = template.BusinessId, Name = draft.Name, BodyHtml = draft.BodyHtml,
        FieldsJson = ContractFields.Write(draft.Fields), PdfId = draft.PdfId, PdfFieldsJson = PdfFields.Write(draft.PdfFields ?? []), CreatedAt = now,
        CreatedById = userId,
    };
}
