using AgentLocator.Api.Infrastructure.Entitlements;
using AgentLocator.Grains.Data;
using AgentLocator.Grains.Data.Entities;
using AgentLocator.Grains.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace AgentLocator.Api.Timeline;

/// <summary>
/// The timeline (feature <c>crm</c>): one customer's, the whole business's, and today's counters. Events of a kind
/// whose feature the user lacks are left out everywhere: in pages, in search and in live pushes.
/// </summary>
public static class TimelineApi
{
    public static IEndpointRouteBuilder MapTimelineApi(this IEndpointRouteBuilder app)
    {
        var crm = app.MapGroup("/api/crm").RequireAuthorization().WithTags("Timeline");
        crm.MapGet("/customers/{id:guid}/timeline", CustomerTimelineAsync)
            .WithSummary("Everything that happened with a customer, newest first: filter by kind, dates (business time zone) and text; keyset cursor.");
        crm.MapGet("/timeline", BusinessTimelineAsync).WithSummary("The same for the whole business (items carry their customer); agentId narrows to one user's doings.");
        crm.MapGet("/today", TodayAsync).WithSummary("Today's counters for the home page.");
        crm.MapNotesApi();
        return app;
    }

    public static async Task<Results<Ok<TimelinePage>, ValidationProblem, ProblemHttpResult>> CustomerTimelineAsync(
        Guid id, [AsParameters] TimelineRequest request, HttpContext context, AgentLocatorDbContext db, CancellationToken cancellationToken)
    {
        var (query, errors) = TimelineQuery.Parse(request);
        if (query is null)
        {
            return TypedResults.ValidationProblem(errors, title: "The timeline request has invalid parameters.");
        }
        var name = await db.Customers.Where(c => c.Id == id && c.DeletedAt == null).Select(c => c.Name).SingleOrDefaultAsync(cancellationToken);
        if (name is null)
        {
            return Customers.CustomersApi.NotFound();
        }
        var viewer = await TimelineViewer.ForAsync(context);
        await db.Database.OpenConnectionAsync(cancellationToken);
        var (items, next) = await query.ReadAsync(db, viewer, id, name, cancellationToken);
        var pinned = await query.PinnedAsync(db, viewer, id, name, cancellationToken);
        return TypedResults.Ok(new TimelinePage(
            [.. items.Select(entry => TimelineItems.From(entry, viewer))], [.. pinned.Select(entry => TimelineItems.From(entry, viewer))], next));
    }

    public static async Task<Results<Ok<TimelinePage>, ValidationProblem>> BusinessTimelineAsync(
        [AsParameters] TimelineRequest request, HttpContext context, AgentLocatorDbContext db, CancellationToken cancellationToken)
    {
        var (query, errors) = TimelineQuery.Parse(request);
        if (query is null)
        {
            return TypedResults.ValidationProblem(errors, title: "The timeline request has invalid parameters.");
        }
        var viewer = await TimelineViewer.ForAsync(context);
        var (items, next) = await query.ReadAsync(db, viewer, customerId: null, customerName: null, cancellationToken);
        return TypedResults.Ok(new TimelinePage([.. items.Select(entry => TimelineItems.From(entry, viewer))], [], next));
    }

    public static async Task<Ok<TodaySummary>> TodayAsync(HttpContext context, AgentLocatorDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var viewer = await TimelineViewer.ForAsync(context);
        var zone = await TimelineQuery.BusinessZoneAsync(db, cancellationToken);
        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
        var start = TimelineQuery.StartOfDay(today, zone);
        var end = TimelineQuery.StartOfDay(today.AddDays(1), zone);

        var openTasks = db.Tasks.AsNoTracking().Where(t => t.Status == TaskStatuses.Open && t.DeletedAt == null);
        var dueToday = await openTasks.CountAsync(t => t.DueAt >= start && t.DueAt < end, cancellationToken);
        var overdue = await openTasks.CountAsync(t => t.DueAt < now, cancellationToken);
        int? callsToday = null;
        int? missed = null;
        if (viewer.Has(Feature.Calls))
        {
            var calls = db.Calls.AsNoTracking().Where(c => c.StartedAt >= start && c.StartedAt < end);
            callsToday = await calls.CountAsync(cancellationToken);
            // A missed or empty call is "called back" once its follow-up task is done (or gone).
            missed = await calls.CountAsync(c => (c.Disposition == CallDisposition.Missed || c.Disposition == CallDisposition.NoMessage)
                && openTasks.Any(t => t.Id == c.FollowUpTaskId), cancellationToken);
        }
        return TypedResults.Ok(new TodaySummary(callsToday, missed, dueToday, overdue));
    }
}
