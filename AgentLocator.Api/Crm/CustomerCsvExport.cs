using System.Text;
using AgentLocator.Grains.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace AgentLocator.Api.Crm;

public static class CustomerCsvExport
{
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
            // The BOM is what makes Excel read the file as UTF-8 and show Hebrew.
            await using var writer = new StreamWriter(body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), bufferSize: 16 * 1024);
            await writer.WriteAsync(string.Join(',', chosen.Select(column => Csv.Escape(column.Header))) + "\r\n");
            await foreach (var customer in rows.WithCancellation(context.RequestAborted))
            {
                await writer.WriteAsync(string.Join(',', chosen.Select(column => Csv.Escape(column.Value(customer, zone)))) + "\r\n");
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
