using AgentLocator.Grains.Audit;
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
    internal static readonly CsvWriterOptions Format = CsvWriterOptions.Default with
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
    /// they are read, so a large export holds neither the whole result nor the whole file in memory. Everything that can
    /// be refused is refused before the first byte (parameters, and the query itself by reading its first row); a failure
    /// after it aborts the connection, so the client sees a broken transfer instead of a file that looks complete.
    /// </summary>
    public static async Task<Results<PushStreamHttpResult, ValidationProblem>> ExportAsync(
        [AsParameters] CustomerListRequest request, string? columns, AgentLocatorDbContext db, HttpContext context, IAuditLog audit,
        ILoggerFactory loggers)
    {
        var (query, errors) = CustomerListQuery.Parse(request, paging: false);
        var chosen = ParseColumns(columns, errors);
        if (query is null || errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The export request has invalid parameters.");
        }

        var zoneId = await db.Businesses.Where(b => b.Id == db.CurrentBusinessIdForQueries).Select(b => b.TimeZone).SingleAsync(context.RequestAborted);
        var zone = TimeZoneInfo.TryFindSystemTimeZoneById(zoneId, out var found) ? found : TimeZoneInfo.Utc;
        var fileName = $"customers-{TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, zone):yyyy-MM-dd}.csv";
        var rows = query.Order(query.Filter(db.Customers.AsNoTracking())).AsAsyncEnumerable().GetAsyncEnumerator(context.RequestAborted);
        context.Response.RegisterForDisposeAsync(rows);
        // The query runs here: if Postgres refuses it, the caller gets an error status, not a 200 with half a file.
        var more = await rows.MoveNextAsync();

        return TypedResults.Stream(async body =>
        {
            var sent = 0;
            var completed = false;
            try
            {
                // The writer sends its buffer on whenever it is mostly full, so rows stream out as they are read.
                await using var csv = CsvWriter.Create(body, Format, leaveOpen: true);
                await csv.WriteRecordAsync([.. chosen.Select(column => column.Header)], context.RequestAborted);
                for (; more; more = await rows.MoveNextAsync())
                {
                    await csv.WriteRecordAsync([.. chosen.Select(column => column.Value(rows.Current, zone))], context.RequestAborted);
                    sent++;
                }
                await csv.FlushAsync(context.RequestAborted);
                completed = true;
            }
            catch (Exception error) when (!context.RequestAborted.IsCancellationRequested)
            {
                // The status line has gone (or goes with whatever the writer held): an abort is the only signal left
                // that the file is incomplete. Ending the response normally would hand over a silently truncated file.
                loggers.CreateLogger(typeof(CustomerCsvExport)).LogError(error, "A customer export failed after it began; the connection was aborted.");
                context.Abort();
            }
            finally
            {
                // Recorded however it ended: rows that left the server were exported even if the download broke off.
                await audit.RecordAsync(AuditActions.CustomersExported, AuditTarget.CustomerList(), new
                {
                    filter = context.Request.Query.ToDictionary(pair => pair.Key, pair => pair.Value.ToString()),
                    columns = chosen.Select(column => column.Key),
                    rows = sent,
                    completed,
                }, cancellationToken: CancellationToken.None);
            }
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
