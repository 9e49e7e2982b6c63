using System.Globalization;
using AgentLocator.Api.Customers;
using AgentLocator.Api.Infrastructure.Auth;
using AgentLocator.Api.Infrastructure.Entitlements;
using AgentLocator.Api.Infrastructure.Paging;
using AgentLocator.Grains.Calls.Pipeline;
using AgentLocator.Grains.Calls.Providers;
using AgentLocator.Grains.Data;
using AgentLocator.Grains.Data.Entities;
using AgentLocator.Grains.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace AgentLocator.Api.Calls;

/// <summary>The agents' side of calls (feature <c>calls</c>): the call log, one call's page, and its recordings.</summary>
public static class CallsApi
{
    public static IEndpointRouteBuilder MapCallsApi(this IEndpointRouteBuilder app)
    {
        var calls = app.MapGroup("/api/calls").RequireAuthorization().WithTags("Calls");
        calls.MapGet("/", ListAsync).WithSummary("The call log, newest first; filter by disposition, date and customer.");
        calls.MapGet("/{id:guid}", GetAsync).WithSummary("One call: turns with transcript and reply, summary, stage timings, customer and task.");
        calls.MapGet("/{id:guid}/recording", RecordingAsync).WithSummary("A turn's recording (HTTP Range supported).");
        return app;
    }

    public static async Task<Results<Ok<PagedResponse<CallListItem>>, ValidationProblem>> ListAsync(
        [AsParameters] CallListRequest request, AgentLocatorDbContext db, HttpContext context, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var paging = PageRequest.Parse(request.Page, request.Limit, errors);
        CallDisposition? disposition = null;
        if (request.Disposition is { Length: > 0 } dispositionText)
        {
            if (WireNames<CallDisposition>.TryParse(dispositionText, out var parsedDisposition)) { disposition = parsedDisposition; }
            else { errors["disposition"] = [$"disposition must be one of: {string.Join(", ", WireNames<CallDisposition>.All)}."]; }
        }
        Guid? customerId = null;
        if (request.CustomerId is { Length: > 0 } customerText)
        {
            if (Guid.TryParse(customerText, out var parsed)) { customerId = parsed; }
            else { errors["customerId"] = ["customerId must be a customer id."]; }
        }
        // The zone matters only for a date filter; the plain log asks nothing more of the database.
        var zone = request.From is { Length: > 0 } || request.To is { Length: > 0 }
            ? await BusinessZoneAsync(db, context.User.GetBusinessId(), cancellationToken)
            : TimeZoneInfo.Utc;
        var from = ParseBound(request.From, "from", zone, endOfDay: false, errors);
        var to = ParseBound(request.To, "to", zone, endOfDay: true, errors);
        if (from is not null && to is not null && from > to)
        {
            errors["to"] = ["to must not be before from."];
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var calls = db.Calls.AsNoTracking();
        if (disposition is not null) { calls = calls.Where(c => c.Disposition == disposition); }
        if (customerId is not null) { calls = calls.Where(c => c.CustomerId == customerId); }
        if (from is not null) { calls = calls.Where(c => c.StartedAt >= from); }
        if (to is not null) { calls = calls.Where(c => c.StartedAt < to); }

        var total = await calls.LongCountAsync(cancellationToken);
        var page = await CallQueries.ListItems(db, calls.OrderByDescending(c => c.StartedAt).ThenByDescending(c => c.Id)
                .Skip(paging.Skip).Take(paging.Limit))
            .ToListAsync(cancellationToken);
        // The page is cut in order inside the query; the customer join after it need not keep that order.
        page = [.. page.OrderByDescending(c => c.StartedAt).ThenByDescending(c => c.Id)];
        var totalPages = (total + paging.Limit - 1) / paging.Limit;
        return TypedResults.Ok(new PagedResponse<CallListItem>(page,
            new PageInfo(paging.Page, paging.Limit, total, totalPages, paging.Page < totalPages)));
    }

    public static async Task<Results<Ok<CallDetailResponse>, ProblemHttpResult>> GetAsync(
        Guid id, AgentLocatorDbContext db, CallTurnPipeline pipeline, CancellationToken cancellationToken) =>
        await CallQueries.DetailAsync(db, id, pipeline.TranscriptionConfigured, pipeline.TranscriptionProvider, cancellationToken) is { } call
            ? TypedResults.Ok(call)
            : CallNotFound();

    /// <summary>Streams our copy with Range support, so the page's player can seek without downloading it all.</summary>
    public static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> RecordingAsync(
        Guid id, int? turn, AgentLocatorDbContext db, IMediaStore media, CancellationToken cancellationToken)
    {
        var turns = db.CallTurns.AsNoTracking().Where(t => t.CallId == id && t.RecordingKey != null);
        if (turn is not null)
        {
            turns = turns.Where(t => t.Number == turn);
        }
        var key = await turns.OrderBy(t => t.Number).Select(t => t.RecordingKey).FirstOrDefaultAsync(cancellationToken);
        var stored = key is null ? null : await media.OpenAsync(MediaArea.Recordings, key, cancellationToken);
        if (stored is null)
        {
            return await db.Calls.AnyAsync(c => c.Id == id, cancellationToken)
                ? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "This call has no stored recording for that turn.")
                : CallNotFound();
        }
        return TypedResults.File(File.OpenRead(stored.Path), stored.ContentType, enableRangeProcessing: true);
    }

    private static ProblemHttpResult CallNotFound() =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Call not found.");

    internal static async Task<TimeZoneInfo> BusinessZoneAsync(AgentLocatorDbContext db, Guid businessId, CancellationToken cancellationToken)
    {
        var zoneId = await db.Businesses.Where(b => b.Id == businessId).Select(b => b.TimeZone).SingleOrDefaultAsync(cancellationToken);
        return zoneId is not null && TimeZoneInfo.TryFindSystemTimeZoneById(zoneId, out var zone) ? zone : TimeZoneInfo.Utc;
    }

    /// <summary>A date alone is a whole day in the business's zone; a full timestamp is taken as given.</summary>
    internal static DateTimeOffset? ParseBound(string? text, string name, TimeZoneInfo zone, bool endOfDay, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            var local = date.ToDateTime(TimeOnly.MinValue);
            if (endOfDay)
            {
                local = local.AddDays(1);
            }
            return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
        }
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant))
        {
            return instant.ToUniversalTime();
        }
        errors[name] = [$"{name} must be a date (yyyy-MM-dd) or an ISO-8601 timestamp."];
        return null;
    }
}
