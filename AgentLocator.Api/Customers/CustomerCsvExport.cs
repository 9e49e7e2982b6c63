using AgentLocator.Api.Infrastructure.Csv;
using AgentLocator.Grains.Audit;
using AgentLocator.Grains.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace AgentLocator.Api.Customers;

public static class CustomerCsvExport
{
    /// <summary>The same rows the list would show (filters and sort, no paging), streamed as CSV.</summary>
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
        return await SpreadsheetCsv.StreamAsync(query.Order(query.Filter(db.Customers.AsNoTracking())).AsAsyncEnumerable(), [.. chosen.Select(column => column.Header)],
            customer => [.. chosen.Select(column => column.Value(customer, zone))], fileName, context,
            loggers.CreateLogger(typeof(CustomerCsvExport)),
            // Recorded however it ended: rows that left the server were exported even if the download broke off.
            (sent, completed) => audit.RecordAsync(AuditActions.CustomersExported, AuditTarget.CustomerList(), new
            {
                filter = context.Request.Query.ToDictionary(pair => pair.Key, pair => pair.Value.ToString()),
                columns = chosen.Select(column => column.Key),
                rows = sent,
                completed,
            }, cancellationToken: CancellationToken.None));
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
