using AgentLocator.Grains.Abstractions;
using AgentLocator.Grains.Data;
using AgentLocator.Grains.Data.Entities;
using AgentLocator.Grains.Notifications;
using AgentLocator.Grains.Telemetry;
using AgentLocator.Grains.Timeline;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace AgentLocator.Grains.Tasks;

/// <summary>
/// Owns one task and its alert. Orleans facts it is built around: a reminder's period is at least a minute (so a
/// one-shot is "period 1 min, unregister after the first fire"), a due time of zero would skip the first tick,
/// and ticks missed while no silo ran are not replayed — which is why <see cref="Reconcile"/> exists and the
/// task row, not the reminder, decides what is due.
/// </summary>
public sealed class TaskGrain(
    TenantDbContextFactory contexts,
    ITaskAlertNotifier notifier,
    PushOutbox pushes,
    TimeProvider clock,
    ILogger<TaskGrain> logger) : Grain, ITaskGrain, IRemindable
{
    public const string ReminderName = "task-alert";
    private static readonly TimeSpan ReminderPeriod = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan MinimumReminderDueTime = TimeSpan.FromSeconds(1);

    /// <summary>Within this window a grain timer fires the alert too, for sub-second precision.</summary>
    private static readonly TimeSpan TimerWindow = TimeSpan.FromMinutes(5);

    /// <summary>How long after a timed alert its reminder ticks, should the timer's silo have died.</summary>
    private static readonly TimeSpan ReminderBackstopDelay = TimeSpan.FromSeconds(30);

    /// <summary>A claim older than this without delivery belongs to a silo that died mid-send.</summary>
    private static readonly TimeSpan StaleClaim = TimeSpan.FromSeconds(30);

    /// <summary>Timers and reminders may wake a little early; that is still on time.</summary>
    private static readonly TimeSpan EarlyTolerance = TimeSpan.FromMilliseconds(100);

    private IGrainTimer? alertTimer;

    private Guid TaskId => this.GetPrimaryKey();

    public async Task<TaskResult> Create(Guid businessId, TaskDraft draft)
    {
        await using var db = contexts.For(businessId);
        if (await db.Tasks.IgnoreQueryFilters().AnyAsync(t => t.Id == TaskId))
        {
            // A retried create answers what the first one made.
            return await LoadAsync() is { } made && made.Task.BusinessId == businessId
                ? new(TaskOutcome.Ok, made.Task.ToSnapshot(), Customer: made.Customer, Call: made.Call)
                : TaskResult.NotFound;
        }
        var errors = TaskRules.Validate(draft.Title, draft.Notes, draft.RemindBeforeMinutes);
        TaskRules.RequireSubject(draft.CustomerId, draft.CallId, errors);
        if (errors.Count > 0)
        {
            return new(TaskOutcome.Invalid, Errors: errors);
        }
        // The existence checks read what the answer needs, so the caller does not read the customer or call again.
        CustomerSummary? customer = null;
        if (draft.CustomerId is { } customerId)
        {
            customer = await db.Customers.Where(c => c.Id == customerId && c.DeletedAt == null)
                .Select(c => new CustomerSummary(c.Id, c.Name, c.Phone)).SingleOrDefaultAsync();
            if (customer is null)
            {
                return new(TaskOutcome.CustomerNotFound);
            }
        }
        TaskCallSummary? call = null;
        if (draft.CallId is { } callId)
        {
            call = await db.Calls.Where(c => c.Id == callId).Select(c => new TaskCallSummary(c.Id, c.From)).SingleOrDefaultAsync();
            if (call is null)
            {
                return new(TaskOutcome.CallNotFound);
            }
        }
        if (!await db.Users.AnyAsync(u => u.Id == draft.AssigneeId))
        {
            return new(TaskOutcome.AssigneeNotFound);
        }

        var now = Now();
        var dueAt = StoredTime.From(draft.DueAt);
        var task = new AgentTask
        {
            Id = TaskId, BusinessId = businessId, CustomerId = draft.CustomerId, CallId = draft.CallId, AssigneeId = draft.AssigneeId,
            CreatedById = draft.CreatedById, Title = draft.Title.Trim(), Notes = NullIfBlank(draft.Notes), DueAt = dueAt,
            RemindBeforeMinutes = draft.RemindBeforeMinutes, RemindAt = TaskRules.RemindAtFor(dueAt, draft.RemindBeforeMinutes),
            CreatedAt = now, UpdatedAt = now,
        };
        db.Tasks.Add(task);
        await TaskTimelineEvents.AddAsync(db, task, TimelineCards.TaskCreated, now, draft.CreatedById);
        await db.SaveChangesAsync();
        await ReportToCustomerAsync(task, openTasksDelta: 1);
        await ArmAsync(task);
        return new(TaskOutcome.Ok, task.ToSnapshot(), Customer: customer, Call: call);
    }

    public Task<TaskResult> Update(Guid businessId, TaskChanges changes) => ChangeAsync(businessId, async (db, task) =>
    {
        var title = changes.Title.IsSet ? changes.Title.Value : task.Title;
        var notes = changes.Notes.IsSet ? changes.Notes.Value : task.Notes;
        var remindBefore = changes.RemindBeforeMinutes.IsSet ? changes.RemindBeforeMinutes.Value : task.RemindBeforeMinutes;
        var errors = TaskRules.Validate(title, notes, remindBefore);
        if (errors.Count > 0)
        {
            return new(TaskOutcome.Invalid, Errors: errors);
        }
        if (changes.AssigneeId.IsSet && !await db.Users.AnyAsync(u => u.Id == changes.AssigneeId.Value))
        {
            return new(TaskOutcome.AssigneeNotFound);
        }
        if (changes.CallId.IsSet && !await db.Calls.AnyAsync(c => c.Id == changes.CallId.Value))
        {
            return new(TaskOutcome.CallNotFound);
        }
        var dueAt = changes.DueAt.IsSet ? StoredTime.From(changes.DueAt.Value) : task.DueAt;
        var reschedule = dueAt != task.DueAt || remindBefore != task.RemindBeforeMinutes;
        task.Title = title!.Trim();
        task.Notes = NullIfBlank(notes);
        task.DueAt = dueAt;
        task.RemindBeforeMinutes = remindBefore;
        if (changes.AssigneeId.IsSet)
        {
            task.AssigneeId = changes.AssigneeId.Value;
        }
        if (changes.CallId.IsSet)
        {
            task.CallId = changes.CallId.Value;
        }
        if (reschedule)
        {
            task.RemindAt = TaskRules.RemindAtFor(dueAt, remindBefore);
        }
        return null;
    }, rearm: true);

    public Task<TaskResult> Snooze(Guid businessId, int minutes) => ChangeAsync(businessId, async (db, task) =>
    {
        if (minutes is < 1 or > TaskRules.MaxSnoozeMinutes)
        {
            return new(TaskOutcome.Invalid,
                Errors: new Dictionary<string, string[]> { ["minutes"] = [$"minutes must be between 1 and {TaskRules.MaxSnoozeMinutes}."] });
        }
        task.RemindAt = Now().AddMinutes(minutes);
        await TaskTimelineEvents.AddAsync(db, task, TimelineCards.TaskSnoozed, Now(), actorId: null);
        return null;
    }, rearm: true);

    public Task<TaskResult> Complete(Guid businessId) => ChangeAsync(businessId, async (db, task) =>
    {
        if (task.Status == TaskStatuses.Open)
        {
            task.Status = TaskStatuses.Done;
            task.CompletedAt = Now();
            await TaskTimelineEvents.AddAsync(db, task, TimelineCards.TaskDone, task.CompletedAt.Value, actorId: null);
            await ReportToCustomerAsync(task, openTasksDelta: -1);
        }
        return null;
    }, rearm: true);

    public Task<TaskResult> Reopen(Guid businessId) => ChangeAsync(businessId, async (db, task) =>
    {
        if (task.Status == TaskStatuses.Done)
        {
            task.Status = TaskStatuses.Open;
            task.CompletedAt = null;
            await TaskTimelineEvents.AddAsync(db, task, TimelineCards.TaskReopened, Now(), actorId: null);
            await ReportToCustomerAsync(task, openTasksDelta: 1);
        }
        return null;
    }, rearm: true);

    public Task<TaskResult> Delete(Guid businessId) => ChangeAsync(businessId, async (_, task) =>
    {
        task.DeletedAt = Now();
        if (task.Status == TaskStatuses.Open)
        {
            await ReportToCustomerAsync(task, openTasksDelta: -1);
        }
        return null;
    }, rearm: true);

    public async Task Reconcile()
    {
        var loaded = await LoadAsync();
        if (loaded is null || !IsArmable(loaded.Task))
        {
            await DisarmAsync();
            return;
        }
        await ArmAsync(loaded.Task);
    }

    public async Task<TaskSchedule> GetSchedule() =>
        new(await this.GetReminder(ReminderName) is not null, alertTimer is not null);

    public Task ReceiveReminder(string reminderName, TickStatus status) =>
        reminderName == ReminderName ? FireIfDueAsync() : Task.CompletedTask;

    private async Task<TaskResult> ChangeAsync(Guid businessId, Func<AgentLocatorDbContext, AgentTask, Task<TaskResult?>> change, bool rearm)
    {
        await using var db = contexts.For(businessId);
        // The task (tracked, to be changed), its customer and its call in one statement: the answer and the push need them.
        var loaded = await (
            from t in db.Tasks
            where t.Id == TaskId && t.DeletedAt == null
            join c in db.Customers on t.CustomerId equals (Guid?)c.Id into customers
            from c in customers.DefaultIfEmpty()
            join k in db.Calls on t.CallId equals (Guid?)k.Id into calls
            from k in calls.DefaultIfEmpty()
            select new TaskWithSubject(t, c == null ? null : new CustomerSummary(c.Id, c.Name, c.Phone), k == null ? null : new TaskCallSummary(k.Id, k.From)))
            .SingleOrDefaultAsync();
        if (loaded is null)
        {
            return TaskResult.NotFound;
        }
        var task = loaded.Task;
        if (await change(db, task) is { } refused)
        {
            return refused;
        }
        if (db.ChangeTracker.HasChanges())
        {
            task.UpdatedAt = Now();
            await db.SaveChangesAsync();
        }
        var snapshot = task.ToSnapshot();
        if (rearm)
        {
            await ArmAsync(task);
        }
        // A change of call (a callback taking in a later call) answers and pushes the call it now follows.
        var call = task.CallId == loaded.Call?.Id ? loaded.Call
            : await db.Calls.Where(c => c.Id == task.CallId).Select(c => new TaskCallSummary(c.Id, c.From)).SingleOrDefaultAsync();
        await SafelyAsync(() => notifier.TaskUpdatedAsync(snapshot, loaded.Customer, call), "push the change of");
        return new(TaskOutcome.Ok, snapshot, Customer: loaded.Customer, Call: call);
    }

    private async Task ArmAsync(AgentTask task)
    {
        alertTimer?.Dispose();
        alertTimer = null;
        if (!IsArmable(task))
        {
            await DisarmAsync();
            return;
        }
        var delay = task.RemindAt - Now();
        if (delay <= EarlyTolerance)
        {
            await FireIfDueAsync();
            return;
        }
        var timed = delay <= TimerWindow;
        // With a timer armed the reminder is only the backstop (a silo dying first): ticking at the same moment
        // would make every alert load and claim twice, which a burst of thousands notices.
        var reminderDue = timed ? delay + ReminderBackstopDelay : delay;
        await this.RegisterOrUpdateReminder(ReminderName, reminderDue < MinimumReminderDueTime ? MinimumReminderDueTime : reminderDue, ReminderPeriod);
        if (timed)
        {
            alertTimer = this.RegisterGrainTimer(_ => FireIfDueAsync(),
                new GrainTimerCreationOptions(delay, Timeout.InfiniteTimeSpan) { KeepAlive = true });
        }
    }

    /// <summary>
    /// Fires the alert for the task's current reminder time if it is due: the unique (task, reminder time) row is
    /// claimed first, so whichever silo, timer or tick gets here second does nothing.
    /// </summary>
    private async Task FireIfDueAsync()
    {
        var loaded = await LoadAsync();
        if (loaded is null || !IsArmable(loaded.Task))
        {
            await DisarmAsync();
            return;
        }
        var task = loaded.Task;
        var now = Now();
        if (task.RemindAt - now > EarlyTolerance)
        {
            await ArmAsync(task);
            return;
        }

        await using var db = contexts.For(task.BusinessId);
        var reminderAt = task.RemindAt;
        var claimed = await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO task_alerts (id, business_id, task_id, reminder_at, claimed_at)
            VALUES ({Guid.CreateVersion7()}, {task.BusinessId}, {task.Id}, {reminderAt}, {now})
            ON CONFLICT (task_id, reminder_at) DO NOTHING
            """) == 1;
        claimed = claimed || await db.Database.ExecuteSqlInterpolatedAsync($"""
            UPDATE task_alerts SET claimed_at = {now}
            WHERE task_id = {task.Id} AND reminder_at = {reminderAt} AND delivered_at IS NULL AND claimed_at < {now - StaleClaim}
            """) == 1;
        if (claimed)
        {
            AgentLocatorTelemetry.AlertsFired.Add(1);
            // If this throws, the claim stays undelivered and the sweep sends it once the claim is stale.
            var snapshot = task.ToSnapshot();
            await notifier.TaskDueAsync(snapshot, loaded.Customer, loaded.Call, reminderAt);
            if (await RecordDeliveryAsync(db, snapshot, await notifier.DuePushAsync(snapshot, loaded.Customer, loaded.Call, reminderAt), reminderAt))
            {
                AgentLocatorTelemetry.AlertsDelivered.Add(1);
                logger.LogInformation("Task {TaskId} alert for {ReminderAt:o} delivered", task.Id, reminderAt);
            }
        }
        await DisarmAsync();
    }

    /// <summary>
    /// Marks the alert delivered and records its Web Push in the same transaction: a crash before the commit leaves
    /// the claim undelivered (the sweep fires it again), a crash after it leaves the push in the outbox (a sender on
    /// any instance sends it). Only the first claimer to get here records: a claimer that outlived its stale claim
    /// finds the alert delivered and records nothing, so the push is not recorded twice.
    /// </summary>
    private async Task<bool> RecordDeliveryAsync(AgentLocatorDbContext db, TaskSnapshot task, PushMessage push, DateTimeOffset reminderAt)
    {
        int recorded;
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            var delivered = await db.Database.ExecuteSqlInterpolatedAsync($"""
                UPDATE task_alerts SET delivered_at = {Now()}
                WHERE task_id = {task.Id} AND reminder_at = {reminderAt} AND delivered_at IS NULL
                """) == 1;
            if (!delivered)
            {
                return false;
            }
            recorded = await pushes.RecordAsync(db, task.BusinessId, task.AssigneeId, push);
            await transaction.CommitAsync();
        }
        if (recorded > 0)
        {
            pushes.Wake();
        }
        return true;
    }

    private async Task DisarmAsync()
    {
        alertTimer?.Dispose();
        alertTimer = null;
        if (await this.GetReminder(ReminderName) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    /// <summary>The task, its customer and its call in one statement (an alert shows them).</summary>
    private async Task<TaskWithSubject?> LoadAsync()
    {
        // Reminders and sweeps arrive without a caller's tenant: the row names its own business.
        await using var db = contexts.AcrossTenants();
        return await (
            from t in db.Tasks.IgnoreQueryFilters().AsNoTracking()
            where t.Id == TaskId
            join c in db.Customers.IgnoreQueryFilters() on new { Id = t.CustomerId, t.BusinessId } equals new { Id = (Guid?)c.Id, c.BusinessId } into customers
            from c in customers.DefaultIfEmpty()
            join k in db.Calls.IgnoreQueryFilters() on new { Id = t.CallId, t.BusinessId } equals new { Id = (Guid?)k.Id, k.BusinessId } into calls
            from k in calls.DefaultIfEmpty()
            select new TaskWithSubject(t, c == null ? null : new CustomerSummary(c.Id, c.Name, c.Phone), k == null ? null : new TaskCallSummary(k.Id, k.From)))
            .SingleOrDefaultAsync();
    }

    /// <summary>A task with what it is about: its customer, or (a withheld caller's message) only the call.</summary>
    private sealed record TaskWithSubject(AgentTask Task, CustomerSummary? Customer, TaskCallSummary? Call);

    private Task ReportToCustomerAsync(AgentTask task, int openTasksDelta) =>
        task.CustomerId is { } customerId
            ? SafelyAsync(() => GrainFactory.GetGrain<ICustomerGrain>(customerId)
                .RecordActivity(task.BusinessId, new CustomerActivity(Now(), OpenTasksDelta: openTasksDelta)), "report activity of")
            : Task.CompletedTask;

    private async Task SafelyAsync(Func<Task> action, string what)
    {
        try
        {
            await action();
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            // The task change is saved; counters and pushes are caught up by later activity and fetches.
            logger.LogWarning(error, "Could not {What} task {TaskId}", what, TaskId);
        }
    }

    private static bool IsArmable(AgentTask task) => task.Status == TaskStatuses.Open && task.DeletedAt is null;

    private DateTimeOffset Now() => StoredTime.Now(clock);

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
