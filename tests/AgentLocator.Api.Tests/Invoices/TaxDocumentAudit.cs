using AgentLocator.Api.Tests.Infrastructure;
using AgentLocator.Grains.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace AgentLocator.Api.Tests.Invoices;

/// <summary>The audit rows a tax document's steps wrote, read from the table itself, oldest first.</summary>
public static class TaxDocumentAudit
{
    public static async Task<List<AuditEntry>> AuditRowsAboutAsync(this AgentLocatorApiFactory api, Guid documentId)
    {
        await using var db = api.CreateDbContext();
        var id = documentId.ToString();
        return await db.AuditLog.IgnoreQueryFilters().AsNoTracking().Where(row => row.TargetType == "tax-document" && row.TargetId == id)
            .OrderBy(row => row.OccurredAt).ThenBy(row => row.Id).ToListAsync();
    }

    public static async Task<List<string>> AuditActionsAboutAsync(this AgentLocatorApiFactory api, Guid documentId) =>
        [.. (await api.AuditRowsAboutAsync(documentId)).Select(row => row.Action)];
}
