using System.Globalization;
using System.Text.Json;
using AgentLocator.Api.Auth;
using AgentLocator.Api.Crm;
using AgentLocator.Api.Paging;
using AgentLocator.Grains.Abstractions;
using AgentLocator.Grains.Customers;
using AgentLocator.Grains.Data;
using AgentLocator.Grains.Data.Entities;
using AgentLocator.Grains.Tasks;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace AgentLocator.Api.Tasks;

/// <summary>
/// Follow-up tasks with due alerts. Writes go through each task's <see cref="ITaskGrain"/> (which owns the alert
/// schedule); lists read Postgres. Tasks are for every user, so no feature gate.
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
        tasks.MapPost("/{id:guid}/done", (Guid id, HttpContext context, IGrainFactory grains, AgentLocatorDbContext db, CancellationToken ct) =>
            RespondAsync(grains.GetGrain<ITaskGrain>(id).Complete(context.User.GetBusinessId()), db, ct));
        tasks.MapPost("/{id:guid}/reopen", (Guid id, HttpContext context, IGrainFactory grains, AgentLocatorDbContext db, CancellationToken ct) =>
            RespondAsync(grains.GetGrain<ITaskGrain>(id).Reopen(context.User.GetBusinessId()), db, ct));
        return app;
    }

    public static async Task<Results<Created<TaskResponse>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        JsonElement json, HttpContext context, IGrainFactory grains, AgentLocatorDbContext db, CancellationToken cancellationToken)
    {
        var body = new TaskRequestReader.Body(json);
        if (!body.IsObject)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["body"] = ["The body must be a JSON object."] });
        }
        var customerId = body.Id(TaskRequestReader.CustomerId);
        var title = body.Text(TaskRequestReader.Title);
        var dueAt = body.Instant(TaskRequestReader.DueAt);
        var assignee = body.Id(TaskRequestReader.Assignee) ?? context.User.GetUserId();
        var remindBefore = body.Minutes(TaskRequestReader.RemindBefore);
        Require(body, TaskRequestReader.CustomerId, customerId is not null);
        Require(body, TaskRequestReader.Title, !string.IsNullOrWhiteSpace(title));
        Require(body, TaskRequestReader.DueAt, dueAt is not null);
        foreach (var (field, messages) in TaskRules.Validate(title ?? "-", body.Text(TaskRequestReader.Notes), remindBefore))
        {
            body.Errors.TryAdd(field == "remind_before" ? body.NameUsed(TaskRequestReader.RemindBefore) : field, messages);
        }
        if (body.Errors.Count > 0)
        {
            return TypedResults.ValidationProblem(body.Errors, title: "The task is not valid.");
        }

        var id = Guid.CreateVersion7();
        var draft = new TaskDraft(customerId!.Value, assignee, context.User.GetUserId(), title!, body.Text(TaskRequestReader.Notes), dueAt!.Value, remindBefore);
        var result = await grains.GetGrain<ITaskGrain>(id).Create(context.User.GetBusinessId(), draft);
        if (InvalidOf(result, body) is { } invalid)
        {
            return invalid;
        }
        if (result.Outcome != TaskOutcome.Ok)
        {
            return ProblemOf(result);
        }
        return TypedResults.Created($"/api/tasks/{id}", await ReadAsync(db, id, cancellationToken));
    }

    public static async Task<Results<Ok<PagedResponse<TaskResponse>>, ValidationProblem>> ListAsync(
        [AsParameters] TaskListRequest request, HttpContext context, AgentLocatorDbContext db, CancellationToken cancellationToken)
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
        if (Instant(request.Due_before, "due_before", errors) is { } before)
        {
            tasks = tasks.Where(t => t.DueAt < before);
        }
        if (Instant(request.Due_after, "due_after", errors) is { } after)
        {
            tasks = tasks.Where(t => t.DueAt >= after);
        }
        if (request.Customer_id is not null)
        {
            if (Guid.TryParse(request.Customer_id, out var customerId))
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
        var totalPages = (total + limit - 1) / limit;
        return TypedResults.Ok(new PagedResponse<TaskResponse>(items, new PageInfo(page, limit, total, totalPages, page < totalPages)));
    }

    public static async Task<Ok<List<TaskResponse>>> ListRingingAsync(
        HttpContext context, AgentLocatorDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var me = context.User.GetUserId();
        var now = clock.GetUtcNow();
        var ringing = db.Tasks.AsNoTracking()
            .Where(t => t.AssigneeId == me && t.Status == TaskStatuses.Open && t.DeletedAt == null && t.RemindAt <= now)
            .OrderBy(t => t.RemindAt).Take(50);
        return TypedResults.Ok(await Project(db, ringing).ToListAsync(cancellationToken));
    }

    public static async Task<Results<Ok<TaskResponse>, ProblemHttpResult>> GetAsync(Guid id, AgentLocatorDbContext db, CancellationToken cancellationToken) =>
        await ReadAsync(db, id, cancellationToken) is { } task ? TypedResults.Ok(task) : NotFound();

    public static async Task<Results<Ok<TaskResponse>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        Guid id, JsonElement json, HttpContext context, IGrainFactory grains, AgentLocatorDbContext db, CancellationToken cancellationToken)
    {
        var body = new TaskRequestReader.Body(json);
        if (!body.IsObject)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["body"] = ["The body must be a JSON object."] });
        }
        var changes = TaskRequestReader.ReadChanges(body);
        if (body.Has(TaskRequestReader.DueAt) && !changes.DueAt.IsSet)
        {
            Require(body, TaskRequestReader.DueAt, false);
        }
        if (body.Errors.Count > 0)
        {
            return TypedResults.ValidationProblem(body.Errors, title: "The changes are not valid.");
        }
        return await RespondAsync(grains.GetGrain<ITaskGrain>(id).Update(context.User.GetBusinessId(), changes), db, cancellationToken, body);
    }

    public static async Task<Results<Ok<TaskResponse>, ValidationProblem, ProblemHttpResult>> SnoozeAsync(
        Guid id, SnoozeRequest request, HttpContext context, IGrainFactory grains, AgentLocatorDbContext db, CancellationToken cancellationToken)
    {
        if (request.Minutes is null)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["minutes"] = ["minutes is required."] });
        }
        return await RespondAsync(grains.GetGrain<ITaskGrain>(id).Snooze(context.User.GetBusinessId(), request.Minutes.Value), db, cancellationToken);
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(Guid id, HttpContext context, IGrainFactory grains)
    {
        var result = await grains.GetGrain<ITaskGrain>(id).Delete(context.User.GetBusinessId());
        return result.Outcome == TaskOutcome.Ok ? TypedResults.NoContent() : NotFound();
    }

    private static async Task<Results<Ok<TaskResponse>, ValidationProblem, ProblemHttpResult>> RespondAsync(
        Task<TaskResult> change, AgentLocatorDbContext db, CancellationToken cancellationToken, TaskRequestReader.Body? body = null)
    {
        var result = await change;
        if (InvalidOf(result, body) is { } invalid)
        {
            return invalid;
        }
        if (result.Outcome != TaskOutcome.Ok)
        {
            return ProblemOf(result);
        }
        return TypedResults.Ok((await ReadAsync(db, result.Task!.Id, cancellationToken, includeDeleted: true))!);
    }

    private static ValidationProblem? InvalidOf(TaskResult result, TaskRequestReader.Body? body) =>
        result.Outcome == TaskOutcome.Invalid
            ? TypedResults.ValidationProblem(
                result.Errors!.ToDictionary(error => body is null ? error.Key : Rename(body, error.Key), error => error.Value), title: "The task is not valid.")
            : null;

    private static ProblemHttpResult ProblemOf(TaskResult result) =>
        result.Outcome switch
        {
            TaskOutcome.CustomerNotFound => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Customer not found.",
                detail: "There is no such customer in your business."),
            TaskOutcome.AssigneeNotFound => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Assignee not found.",
                detail: "There is no such user in your business."),
            _ => NotFound(),
        };

    private static string Rename(TaskRequestReader.Body body, string key) => key switch
    {
        "remind_before" => body.NameUsed(TaskRequestReader.RemindBefore),
        _ => key,
    };

    private static Task<TaskResponse?> ReadAsync(AgentLocatorDbContext db, Guid id, CancellationToken cancellationToken, bool includeDeleted = false) =>
        Project(db, db.Tasks.AsNoTracking().Where(t => t.Id == id && (includeDeleted || t.DeletedAt == null))).SingleOrDefaultAsync(cancellationToken)!;

    /// <summary>
    /// Tasks with their customer (deleted customers included: soft delete keeps the row). No IgnoreQueryFilters
    /// here: in EF Core it switches the tenant filter off for the whole query, tasks included.
    /// </summary>
    private static IQueryable<TaskResponse> Project(AgentLocatorDbContext db, IQueryable<AgentTask> tasks) =>
        from t in tasks
        join c in db.Customers on t.CustomerId equals c.Id
        select new TaskResponse(
            t.Id, t.CustomerId, new TaskCustomer(c.Id, c.Name, c.Phone, Phones.Display(c.Phone)), t.AssigneeId, t.Title, t.Notes, t.DueAt,
            t.RemindBeforeMinutes, t.RemindAt, t.Status, t.CompletedAt, t.CreatedAt, t.UpdatedAt, t.DeletedAt);

    private static void Require(TaskRequestReader.Body body, TaskRequestReader.Field field, bool present)
    {
        var name = body.NameUsed(field);
        if (!present && !body.Errors.ContainsKey(name))
        {
            body.Errors[name] = [$"{name} is required."];
        }
    }

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
