using System.Globalization;
using System.Security.Cryptography;
using AgentLocator.Api.Infrastructure.Auth;
using AgentLocator.Grains.Audit;
using AgentLocator.Grains.Data;
using AgentLocator.Grains.Data.Entities;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace AgentLocator.Api.Invoices.Uniform;

/// <summary>
/// <c>GET /api/invoices/reports/uniform?from=&amp;to=</c> (admins): the uniform-structure files of the documents dated in
/// the range, zipped in the specification's folder. Issued and cancelled tax invoices, invoice-receipts, credits and
/// receipts are in it; quotes have no document type in the specification, and drafts and documents still waiting for an
/// allocation number are not documents yet. Each download is an audit row.
/// </summary>
public static class UniformExportApi
{
    public static RouteGroupBuilder MapUniformExport(this RouteGroupBuilder invoices)
    {
        invoices.MapGet("/reports/uniform", ExportAsync).RequireAuthorization(AuthorizationPolicies.Admin)
            .WithSummary("The Tax Authority's uniform-structure export (INI.TXT and BKMVDATA.TXT, version 1.31) of a date range, as a zip.");
        return invoices;
    }

    public static async Task<Results<FileContentHttpResult, ValidationProblem, ProblemHttpResult>> ExportAsync(string? from, string? to,
        AgentLocatorDbContext db, IAuditLog audit, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var start = ParseDate(from, "from", errors);
        var end = ParseDate(to, "to", errors);
        if (start is { } s && end is { } e && s > e)
        {
            errors["to"] = ["to is on or after from."];
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The export's date range is not valid.");
        }
        var settings = await db.TaxSettings.AsNoTracking().FirstOrDefaultAsync(cancellationToken);
        if (settings is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The business's tax details are not set.",
                detail: "An admin sets the legal name and tax id under invoice settings before the books are exported.");
        }
        var zoneId = await db.Businesses.AsNoTracking().Where(b => b.Id == db.CurrentBusinessIdForQueries).Select(b => b.TimeZone)
            .FirstOrDefaultAsync(cancellationToken);
        var zone = TimeZoneInfo.TryFindSystemTimeZoneById(zoneId ?? Business.DefaultTimeZone, out var found) ? found : TimeZoneInfo.Utc;

        var documents = await db.TaxDocuments.AsNoTracking().Include(d => d.Lines).Include(d => d.Payments)
            .Where(d => d.Number != null && (d.Status == TaxDocumentStatuses.Issued || d.Status == TaxDocumentStatuses.Cancelled)
                && d.Type != TaxDocumentTypes.Quote && d.DocumentDate >= start!.Value && d.DocumentDate <= end!.Value)
            .OrderBy(d => d.DocumentDate).ThenBy(d => d.Type).ThenBy(d => d.Number)
            .AsSplitQuery()
            .ToListAsync(cancellationToken);
        var baseIds = documents.Where(d => d.Type == TaxDocumentTypes.CreditInvoice && d.ReferencedDocumentId != null)
            .Select(d => d.ReferencedDocumentId!.Value).Distinct().ToList();
        var bases = await db.TaxDocuments.AsNoTracking().Where(d => baseIds.Contains(d.Id))
            .Select(d => new { d.Id, d.Type, d.Number }).ToDictionaryAsync(d => d.Id, cancellationToken);

        var local = (DateTimeOffset? at) => TimeZoneInfo.ConvertTime(at ?? clock.GetUtcNow(), zone).DateTime;
        var request = new UniformExportRequest(new UniformIssuer(settings.TaxId, settings.LegalName, settings.Address), start!.Value, end!.Value,
            local(null), PrimaryId(),
            [.. documents.Select(d => d.ReferencedDocumentId is { } baseId && d.Type == TaxDocumentTypes.CreditInvoice && bases.TryGetValue(baseId, out var of)
                ? new UniformDocument(d, local(d.IssuedAt), UniformLayouts.DocumentTypeCode(of.Type), of.Number)
                : new UniformDocument(d, local(d.IssuedAt), null, null))]);
        var files = UniformExportFiles.Build(request);

        await audit.RecordAsync(AuditActions.UniformExportDownloaded, AuditTarget.TaxBooks(), new
        {
            from = request.From, to = request.To, documents = documents.Count, records = files.TotalRecords, folder = files.Folder,
        }, cancellationToken: cancellationToken);
        var name = string.Create(CultureInfo.InvariantCulture, $"OPENFRMT-{request.From:yyyyMMdd}-{request.To:yyyyMMdd}.zip");
        return TypedResults.File(files.Zip(), "application/zip", name);
    }

    /// <summary>Field 1004's fifteen digits: a new number for every export, as the specification asks.</summary>
    private static long PrimaryId() => RandomNumberGenerator.GetInt32(100_000, 1_000_000) * 1_000_000_000L + RandomNumberGenerator.GetInt32(0, 1_000_000_000);

    private static DateOnly? ParseDate(string? value, string name, Dictionary<string, string[]> errors)
    {
        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }
        errors[name] = [$"{name} is a date (yyyy-MM-dd)."];
        return null;
    }
}
