using System.Globalization;
using AgentLocator.Api.Infrastructure.Csv;
using AgentLocator.Grains.Data;
using AgentLocator.Grains.Data.Entities;
using AgentLocator.Grains.Invoices;
using CsvHelper;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace AgentLocator.Api.Invoices;

/// <summary>The documents list as CSV: same filters, no paging, the customer export's format (UTF-8 BOM, CRLF, formula-safe).</summary>
public static class DocumentCsvExport
{
    private static readonly string[] Header = ["סוג", "מספר", "סטטוס", "תאריך", "לקוח", "לפני מע\"מ", "מע\"מ", "סה\"כ"];

    public static async Task<Results<FileContentHttpResult, ValidationProblem>> ExportAsync([AsParameters] DocumentListRequest request,
        AgentLocatorDbContext db, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var query = DocumentListQuery.Parse(request, errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The export request has invalid parameters.");
        }
        // A business's documents for any filter fit in memory; the file is whole before the first byte is sent.
        var rows = await query.Filter(db.TaxDocuments.AsNoTracking()).Take(100_000).ToListAsync(cancellationToken);
        using var body = new MemoryStream();
        await using (var csv = CsvWriter.Create(body, SpreadsheetCsv.Format, leaveOpen: true))
        {
            await csv.WriteRecordAsync(Header, cancellationToken);
            foreach (var d in rows)
            {
                await csv.WriteRecordAsync([TaxDocumentTypes.Hebrew(d.Type), d.Number?.ToString(CultureInfo.InvariantCulture) ?? "",
                    StatusName(d.Status), d.DocumentDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    d.CustomerName, Agorot.Format(d.SubtotalAgorot).Replace(",", ""), Agorot.Format(d.VatAgorot).Replace(",", ""),
                    Agorot.Format(d.TotalAgorot).Replace(",", "")], cancellationToken);
            }
            await csv.FlushAsync(cancellationToken);
        }
        return TypedResults.File(body.ToArray(), SpreadsheetCsv.ContentType, "documents.csv");
    }

    private static string StatusName(string status) => status switch
    {
        TaxDocumentStatuses.Issued => "הופק",
        TaxDocumentStatuses.PendingAllocation => "ממתין למספר הקצאה",
        _ => "טיוטה",
    };
}
