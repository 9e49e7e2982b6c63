using System.Globalization;
using AgentLocator.Api.Calls;
using AgentLocator.Api.Customers;
using AgentLocator.Api.Infrastructure.Auth;
using AgentLocator.Api.Infrastructure.Csv;
using AgentLocator.Grains.Audit;
using AgentLocator.Grains.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace AgentLocator.Api.Audit;

/// <summary>
/// The business's audit log for its admins: read and export only. There is deliberately no route that edits or deletes
/// a row (a test enumerates the mapped endpoints to keep it so), and the database refuses it anyway (AuditLogSql).
/// </summary>
public static class AuditApi
{
    public static IEndpointRouteBuilder MapAuditApi(this IEndpointRouteBuilder app)
    {
        var audit = app.MapGroup("/api/admin/audit").RequireAuthorization(AuthorizationPolicies.Admin).WithTags("Audit");
        audit.MapGet("/", ListAsync).WithSummary("A page of the business's audit log, newest first; filter by action, actor, dates and target.");
        audit.MapGet("/export.csv", ExportAsync).WithSummary("The filtered audit log as CSV (UTF-8 with BOM), streamed.");
        return app;
    }

    public static async Task<Results<Ok<PagedResponse<AuditEntryResponse>>, ValidationProblem>> ListAsync(
        [AsParameters] AuditListRequest request, AgentLocatorDbContext db, HttpContext context, CancellationToken cancellationToken)
    {
        var (query, errors) = await AuditQuery.ParseAsync(request, db, context.User.GetBusinessId(), cancellationToken);
        if (query is null)
        {
            return TypedResults.ValidationProblem(errors, title: "The audit log request has invalid parameters.");
        }
        var rows = query.Apply(db.AuditLog.AsNoTracking());
        var total = await rows.LongCountAsync(cancellationToken);
        var page = await rows.Skip(query.Paging.Skip).Take(query.Paging.Limit).ToListAsync(cancellationToken);
        var totalPages = (total + query.Paging.Limit - 1) / query.Paging.Limit;
        return TypedResults.Ok(new PagedResponse<AuditEntryResponse>([.. page.Select(AuditEntryResponse.From)],
            new PageInfo(query.Paging.Page, query.Paging.Limit, total, totalPages, query.Paging.Page < totalPages)));
    }

    private static readonly string[] Header =
        ["זמן", "פעולה", "סוג מבצע", "מזהה מבצע", "שם מבצע", "סוג יעד", "מזהה יעד", "יעד", "כתובת IP", "דפדפן", "פרטים"];

    /// <summary>Every matching row (no paging), streamed as CSV like the customers export.</summary>
    public static async Task<Results<PushStreamHttpResult, ValidationProblem>> ExportAsync(
        [AsParameters] AuditListRequest request, AgentLocatorDbContext db, HttpContext context, IAuditLog audit, ILoggerFactory loggers)
    {
        var businessId = context.User.GetBusinessId();
        var (query, errors) = await AuditQuery.ParseAsync(request with { Page = null, Limit = null }, db, businessId, context.RequestAborted);
        if (query is null)
        {
            return TypedResults.ValidationProblem(errors, title: "The export request has invalid parameters.");
        }
        var zone = await CallsApi.BusinessZoneAsync(db, businessId, context.RequestAborted);
        var fileName = $"audit-{TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, zone):yyyy-MM-dd}.csv";
        return await SpreadsheetCsv.StreamAsync(query.Apply(db.AuditLog.AsNoTracking()).AsAsyncEnumerable(), Header, row =>
            [
                TimeZoneInfo.ConvertTime(row.OccurredAt, zone).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                AuditActions.HebrewOf(row.Action), row.ActorType, row.ActorId?.ToString(), row.ActorName, row.TargetType, row.TargetId, row.TargetLabel,
                row.Ip, row.UserAgent, row.DetailsJson,
            ], fileName, context, loggers.CreateLogger(typeof(AuditApi)),
            (sent, _) => audit.RecordAsync(AuditActions.AuditExported, AuditTarget.Business(businessId), new
            {
                filter = context.Request.Query.ToDictionary(pair => pair.Key, pair => pair.Value.ToString()),
                rows = sent,
            }, cancellationToken: CancellationToken.None));
    }
}
