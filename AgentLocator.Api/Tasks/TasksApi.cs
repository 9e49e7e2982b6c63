using System.Globalization;
using AgentLocator.Api.Customers;
using AgentLocator.Api.Infrastructure.Auth;
using AgentLocator.Api.Infrastructure.Paging;
using AgentLocator.Grains.Abstractions;
using AgentLocator.Grains.Data;
using AgentLocator.Grains.Data.Entities;
using AgentLocator.Grains.Tasks;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace AgentLocator.Api.Tasks;

/// <summary>
/// Follow-up tasks with due alerts. Writes go through each task's <see cref="ITaskGrain"/> (which owns the alert
/// schedule); lists read Postgres. Tasks are for every user, so no feature gate; what a task links to is shown by
/// the caller's features (<see cref="TaskVisibility"/>).
/// </summary>
public static class TasksApi
{
    public static IEndpointRouteBuilder MapTasksApi(this IEndpointRouteBuilder app)
    {
        var tasks = app.MapGroup("/api/tasks").RequireAuthorization().WithTags("Tasks");
        tasks.MapPost("/", CreateAsync).WithSummary("Create a task; its alert fires at due_at less remind_before.");
        tasks.MapGet("/", ListAsync).WithSummary("Tasks, by due time: assignee=me|all|<id>, status=open|done|all, due_before, due_after, customer_id.");
        tasks.MapGet("/due", ListRingingAsync).WithSummary("My open tasks whose alert time has come: what a reconnecting tab must show.");
        tasks.MapGet("/{id:guid}", GetAsync);
        tasks.MapPatch("/{id:guid}", UpdateAsync).WithSummary("Change title, notes, due_at, assignee or remind_before; a new due time re-arms the alert.");
        tasks.MapDelete("/{id:guid}", DeleteAsync);
        tasks.MapPost("/{id:guid}/snooze", SnoozeAsync).WithSummary("Move the alert by minutes; the due time stays.");
        tasks.MapPost("/{id:guid}/done", (Guid id, HttpContext context, IGrainFactory grains) =>
            RespondAsync(grains.GetGrain<ITaskGrain>(id).Complete(context.User.GetBusinessId()), context, grains));
        tasks.MapPost("/{id:guid}/reopen", (Guid id, HttpContext context, IGrainFactory grains) =>
            RespondAsync(grains.GetGrain<ITaskGrain>(id).Reopen(context.User.GetBusinessId()), context, grains));
        return app;
    }

    public static async Task<Results<Created<TaskResponse>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        CreateTaskRequest request, HttpContext context, IGrainFactory grains)
    {
        var errors = request.ShapeErrors();
        if (errors.Count > 0)
        {
            // No grain call for a body this broken, but name every problem at once, the rule ones too (same rule set).
            var ruleErrors = TaskRules.Validate(request.Title.Value ?? "-", request.Notes.Value, request.RemindBeforeMinutes.Value);
            foreach (var (field, messages) in request.AsCallerNamed(ruleErrors))
            {
                errors.TryAdd(field, messages);
            }
            return TypedResults.ValidationProblem(errors, title: "The task is not valid.");
        }

        var id = Guid.CreateVersion7();
        return await AnswerAsync(grains.GetGrain<ITaskGrain>(id).Create(context.User.GetBusinessId(), request.ToDraft(context.User.GetUserId())),
            request, task => TypedResults.Created($"/api/tasks/{id}", task), context, grains);
    }

    public static async Task<Results<Ok<PagedResponse<TaskResponse>>, ValidationProblem>> ListAsync(
        [AsParameters] TaskListRequest request, HttpContext context, AgentLocatorDbContext db, IGrainFactory grains, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var (page, limit) = PageRequest.Parse(request.Page, request.Limit, errors);
        var tasks = db.Tasks.AsNoTracking().Where(t => t.DeletedAt == null);

        switch (request.Assignee ?? "me")
        {
            case "me":
                var me = context.User.GetUserId();
                tasks = tasks.Where(t => t.AssigneeId == me);
                break;
            case "all":
                break;
            default:
                if (Guid.TryParse(request.Assignee, out var assignee))
                {
                    tasks = tasks.Where(t => t.AssigneeId == assignee);
                }
                else
                {
                    errors["assignee"] = ["assignee must be me, all or a user id."];
                }
                break;
        }
        switch (request.Status ?? TaskStatuses.Open)
        {
            case TaskStatuses.Open or TaskStatuses.Done:
                var status = request.Status ?? TaskStatuses.Open;
                tasks = tasks.Where(t => t.Status == status);
                break;
            case "all":
                break;
            default:
                errors["status"] = ["status must be open, done or all."];
                break;
        }
        if (Instant(request.DueBefore, "due_before", errors) is { } before)
        {
            tasks = tasks.Where(t => t.DueAt < before);
        }
        if (Instant(request.DueAfter, "due_after", errors) is { } after)
        {
            tasks = tasks.Where(t => t.DueAt >= after);
        }
        if (request.CustomerId is not null)
        {
            if (Guid.TryParse(request.CustomerId, out var customerId))
            {
                tasks = tasks.Where(t => t.CustomerId == customerId);
            }
            else
            {
                errors["customer_id"] = ["customer_id must be an id."];
            }
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The list request has invalid parameters.");
        }

        var total = await tasks.LongCountAsync(cancellationToken);
        var items = await Project(db, tasks.OrderBy(t => t.DueAt).ThenBy(t => t.Id).Skip((page - 1) * limit).Take(limit))
            .ToListAsync(cancellationToken);
        var features = await TaskVisibility.FeaturesOfAsync(context, grains);
        items = [.. items.Select(task => task.ShownTo(features))];
        var totalPages = (total + limit - 1) / limit;
        return TypedResults.Ok(new PagedResponse<TaskResponse>(items, new PageInfo(page, limit, total, totalPages, page < totalPages)));
    }

    public static async Task<Ok<List<TaskResponse>>> ListRingingAsync(
        HttpContext context, AgentLocatorDbContext db, IGrainFactory grains, TimeProvider clock, CancellationToken cancellationToken)
    {
        var me = context.User.GetUserId();
        var now = clock.GetUtcNow();
        var ringing = db.Tasks.AsNoTracking()
            .Where(t => t.AssigneeId == me && t.Status == TaskStatuses.Open && t.DeletedAt == null && t.RemindAt <= now)
            .OrderBy(t => t.RemindAt).Take(50);
        var features = await TaskVisibility.FeaturesOfAsync(context, grains);
        return TypedResults.Ok((await Project(db, ringing).ToListAsync(cancellationToken)).Select(task => task.ShownTo(features)).ToList());
    }

    public static async Task<Results<Ok<TaskResponse>, ProblemHttpResult>> GetAsync(
        Guid id, HttpContext context, AgentLocatorDbContext db, IGrainFactory grains, CancellationToken cancellationToken) =>
        await ReadAsync(db, id, cancellationToken) is { } task
            ? TypedResults.Ok(task.ShownTo(await TaskVisibility.FeaturesOfAsync(context, grains)))
            : NotFound();

    public static async Task<Results<Ok<TaskResponse>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        Guid id, UpdateTaskRequest request, HttpContext context, IGrainFactory grains)
    {
        var errors = request.ShapeErrors();
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The changes are not valid.");
        }
        return await RespondAsync(grains.GetGrain<ITaskGrain>(id).Update(context.User.GetBusinessId(), request.ToChanges()), context, grains, request);
    }

    public static async Task<Results<Ok<TaskResponse>, ValidationProblem, ProblemHttpResult>> SnoozeAsync(
        Guid id, SnoozeRequest request, HttpContext context, IGrainFactory grains)
    {
        if (request.Minutes is null)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["minutes"] = ["minutes is required."] });
        }
        return await RespondAsync(grains.GetGrain<ITaskGrain>(id).Snooze(context.User.GetBusinessId(), request.Minutes.Value), context, grains);
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(Guid id, HttpContext context, IGrainFactory grains)
    {
        var result = await grains.GetGrain<ITaskGrain>(id).Delete(context.User.GetBusinessId());
        return result.Outcome == TaskOutcome.Ok ? TypedResults.NoContent() : NotFound();
    }

    private static Task<Results<Ok<TaskResponse>, ValidationProblem, ProblemHttpResult>> RespondAsync(
        Task<TaskResult> change, HttpContext context, IGrainFactory grains, TaskRequest? request = null) =>
        AnswerAsync(change, request, TypedResults.Ok, context, grains);

    /// <summary>
    /// Answers from what the grain returned (the saved task and its customer: no read after the write), or its refusal
    /// as problem+json with its rule errors under the names the caller used.
    /// </summary>
    private static async Task<Results<TSuccess, ValidationProblem, ProblemHttpResult>> AnswerAsync<TSuccess>(
        Task<TaskResult> change, TaskRequest? request, Func<TaskResponse, TSuccess> success, HttpContext context, IGrainFactory grains)
        where TSuccess : IResult
    {
        var result = await change;
        return result.Outcome switch
        {
            TaskOutcome.Ok => success(TaskResponse.From(result.Task!, result.Customer, result.Call)
                .ShownTo(await TaskVisibility.FeaturesOfAsync(context, grains))),
            TaskOutcome.Invalid => TypedResults.ValidationProblem(
                request?.AsCallerNamed(result.Errors!) ?? result.Errors!.ToDictionary(), title: "The task is not valid."),
            _ => ProblemOf(result),
        };
    }

    private static ProblemHttpResult ProblemOf(TaskResult result) => result.Outcome switch
    {
        TaskOutcome.CustomerNotFound => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Customer not found.",
            detail: "There is no such customer in your business."),
        TaskOutcome.AssigneeNotFound => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Assignee not found.",
            detail: "There is no such user in your business."),
        _ => NotFound(),
    };

    private static Task<TaskResponse?> ReadAsync(AgentLocatorDbContext db, Guid id, CancellationToken cancellationToken) =>
        Project(db, db.Tasks.AsNoTracking().Where(t => t.Id == id && t.DeletedAt == null)).SingleOrDefaultAsync(cancellationToken)!;

    /// <summary>
    /// Tasks with their customer (deleted customers included: soft delete keeps the row) and the call they came from,
    /// both by left join: a withheld caller's message has no customer. No IgnoreQueryFilters here: in EF Core it
    /// switches the tenant filter off for the whole query, tasks included.
    /// </summary>
    private static IQueryable<TaskResponse> Project(AgentLocatorDbContext db, IQueryable<AgentTask> tasks) =>
        from t in tasks
        join c in db.Customers on t.CustomerId equals (Guid?)c.Id into customers
        from c in customers.DefaultIfEmpty()
        join k in db.Calls on t.CallId equals (Guid?)k.Id into calls
        from k in calls.DefaultIfEmpty()
        select TaskResponse.From(t.ToSnapshot(),
            c == null ? null : new CustomerSummary(c.Id, c.Name, c.Phone),
            k == null ? null : new TaskCallSummary(k.Id, k.From));

    private static DateTimeOffset? Instant(string? text, string name, Dictionary<string, string[]> errors)
    {
        if (text is null)
        {
            return null;
        }
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant))
        {
            return instant.ToUniversalTime();
        }
        errors[name] = [$"{name} must be an ISO 8601 date-time."];
        return null;
    }

    private static ProblemHttpResult NotFound() => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Task not found.");
}
