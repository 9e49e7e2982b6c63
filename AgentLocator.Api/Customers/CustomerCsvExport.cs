using AgentLocator.Grains.Data;
using CsvHelper;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace AgentLocator.Api.Customers;

public static class CustomerCsvExport
{
    /// <summary>
    /// RFC 4180 as Excel reads it: CRLF, quotes only where needed, and a UTF-8 BOM, which is what makes Excel read the file
    /// as UTF-8 and show Hebrew. Cells that start with = + - @ tab or CR get a leading ' so a spreadsheet shows them as text
    /// instead of running them as formulas: exported data is typed by callers and customers, not by us.
    /// </summary>
    private static readonly CsvWriterOptions Format = CsvWriterOptions.Default with
    {
        NewLine = "\r\n",
        Quoting = CsvQuoting.WhenNeeded,
        Injection = CsvInjection.Escape,
        InjectionCharacters = "=+-@\t\r",
        InjectionEscape = '\'',
        WriteByteOrderMark = true,
        BufferSize = 16 * 1024,
    };

    /// <summary>
    /// Streams the same rows the list would show (filters and sort, no paging) as CSV: rows go to the client as
    /// they are read, so a large export holds neither the whole result nor the whole file in memory.
    /// </summary>
    public static async Task<Results<PushStreamHttpResult, ValidationProblem>> ExportAsync(
        [AsParameters] CustomerListRequest request, string? columns, AgentLocatorDbContext db, HttpContext context)
    {
        var (query, errors) = CustomerListQuery.Parse(request, paging: false);
        var chosen = ParseColumns(columns, errors);
        if (query is null || errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The export request has invalid parameters.");
        }

        var zoneId = await db.Businesses.Where(b => b.Id == db.CurrentBusinessIdForQueries).Select(b => b.TimeZone).SingleAsync(context.RequestAborted);
        var zone = TimeZoneInfo.TryFindSystemTimeZoneById(zoneId, out var found) ? found : TimeZoneInfo.Utc;
        var rows = query.Order(query.Filter(db.Customers.AsNoTracking())).AsAsyncEnumerable();
        var fileName = $"customers-{TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, zone):yyyy-MM-dd}.csv";

        return TypedResults.Stream(async body =>
        {
            // The writer sends its buffer on whenever it is mostly full, so rows stream out as they are read.
            await using var csv = CsvWriter.Create(body, Format, leaveOpen: true);
            await csv.WriteRecordAsync([.. chosen.Select(column => column.Header)], context.RequestAborted);
            await foreach (var customer in rows.WithCancellation(context.RequestAborted))
            {
                await csv.WriteRecordAsync([.. chosen.Select(column => column.Value(customer, zone))], context.RequestAborted);
            }
            await csv.FlushAsync(context.RequestAborted);
        }, "text/csv; charset=utf-8", fileName);
    }

    private static List<CustomerColumns.Column> ParseColumns(string? columns, Dictionary<string, string[]> errors)
    {
        var keys = string.IsNullOrWhiteSpace(columns)
            ? CustomerColumns.DefaultExport
            : columns.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var unknown = keys.Where(key => CustomerColumns.All.All(column => column.Key != key)).ToList();
        if (unknown.Count > 0)
        {
            errors["columns"] = [$"Unknown column(s): {string.Join(", ", unknown)}. Known: {string.Join(", ", CustomerColumns.All.Select(c => c.Key))}."];
            return [];
        }
        return [.. keys.Distinct().Select(key => CustomerColumns.All.First(column => column.Key == key))];
    }
}
