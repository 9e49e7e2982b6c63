using AgentLocator.Grains.Abstractions;
using AgentLocator.Grains.Calls.Providers;
using AgentLocator.Grains.Data;
using AgentLocator.Grains.Data.Entities;
using AgentLocator.Grains.Timeline;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace AgentLocator.Grains.Calls;

// After the call: what it amounted to (disposition), an AI summary when a chat model is configured, and one
// follow-up task for the business's default agent. The outcome is a function of the call's state (see CallOutcome):
// it is made once the call is over and its turns are handled, and made again, revising the same task, when a
// recording or transcript lands after it. Safe to run any number of times: a current outcome is left as it is.
public sealed partial class CallGrain
{
    private Task? finishing;

    /// <summary>Something changed while the after-call work ran (a turn came or finished): run it once more after.</summary>
    private bool finishAgain;

    public Task Finish() => StartFinishing();

    /// <summary>Runs the after-call work in the background; callers that arrive while it runs share it, and it runs again after.</summary>
    private Task StartFinishing()
    {
        if (finishing is { IsCompleted: false })
        {
            // The running pass may have read the turns already; what changed since is picked up by another pass.
            finishAgain = true;
            return finishing;
        }
        DelayDeactivation(TimeSpan.FromMinutes(5));
        finishing = FinishUntilCurrentAsync();
        return finishing;
    }

    private async Task FinishUntilCurrentAsync()
    {
        do
        {
            finishAgain = false;
            await FinishAsync();
        }
        while (finishAgain);
    }

    /// <summary>A turn's pipeline is done: when the call already ended, its outcome must take the turn in.</summary>
    private async Task TurnHandledAsync()
    {
        try
        {
            await using var db = contexts.For(businessId!.Value);
            var ended = await db.Calls.AsNoTracking().Where(c => c.CallSid == CallSid)
                .Select(c => c.ProcessedAt != null || c.Status != CallStatus.InProgress).SingleOrDefaultAsync();
            if (ended)
            {
                _ = StartFinishing();
            }
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            // The outcome is left stale, which the reconciler finds and repairs.
            logger.LogWarning(error, "Could not check whether call {CallSid} needs its outcome made again", CallSid);
        }
    }

    private async Task FinishAsync()
    {
        try
        {
            if (!await EnsureBusinessAsync())
            {
                return;
            }
            // Turns left pending by a lost activation (a silo restart mid-call) are picked up again here.
            if (await CallRowIdAsync() is { } callId)
            {
                await using var lookup = contexts.For(businessId!.Value);
                var pending = await lookup.CallTurns.AsNoTracking().Where(t => t.CallId == callId && t.State == TurnState.Pending).ToListAsync();
                foreach (var turn in pending)
                {
                    _ = EnsurePipeline(turn);
                }
            }
            // The summary needs every transcript, so the turns still in the pipeline finish first (bounded: a turn
            // that takes longer leaves the outcome stale, and its own completion makes it again).
            var running = pipelines.Values.Where(p => !p.IsCompleted).ToArray();
            if (running.Length > 0)
            {
                await Task.WhenAny(Task.WhenAll(running), Task.Delay(Limits.FinishWait, clock));
            }

            await using var db = contexts.For(businessId!.Value);
            var call = await db.Calls.SingleAsync(c => c.CallSid == CallSid);
            if (CallOutcome.IsCurrent(call))
            {
                return;
            }
            var turns = await db.CallTurns.AsNoTracking().Where(t => t.CallId == call.Id).OrderBy(t => t.Number).ToListAsync();
            var plan = CallOutcome.Plan(call, turns, pipeline.CanSummarize);
            call.Disposition = plan.Disposition;
            if (plan.Summarize)
            {
                await SummarizeAsync(db, call, turns);
            }
            // A customer's calls share one open callback: two calls from the same number finishing together take turns,
            // so the second finds the task the first made (the lock is held until the call's link to it is saved).
            await using var serial = plan.HasOutcome && call.CustomerId is { } customer
                ? await CustomerCallbacks.SerializeAsync(db, customer) : null;
            if (plan.HasOutcome)
            {
                await FollowUpAsync(db, call, turns);
                call.OutcomeTurns = plan.HandledTurns;
                call.ProcessedAt ??= Now();
            }
            await SaveOutcomeAsync(db, call, turns);
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            logger.LogError(error, "After-call work of call {CallSid} failed", CallSid);
        }
    }

    /// <summary>
    /// The one place the call's outcome (disposition, summary, task, coverage) is stored and announced, with the call's
    /// timeline event in the same transaction.
    /// </summary>
    private async Task SaveOutcomeAsync(AgentLocatorDbContext db, Call call, IReadOnlyList<CallTurn> turns)
    {
        await CallTimelineEvents.UpsertAsync(db, call, turns, Now());
        if (!db.ChangeTracker.HasChanges())
        {
            return;
        }
        call.UpdatedAt = Now();
        await db.SaveChangesAsync();
        await NotifyAsync(call.Id);
    }

    /// <summary>
    /// Makes the follow-up task the first time, or takes the call into the customer's open callback; afterwards brings
    /// the task up to date while it is still ours.
    /// </summary>
    private async Task FollowUpAsync(AgentLocatorDbContext db, Call call, IReadOnlyList<CallTurn> turns)
    {
        if (call.FollowUpTaskId is not { } taskId)
        {
            if (call.CustomerId is { } customer && await CustomerCallbacks.OpenAsync(db, customer, call.Id) is { } open)
            {
                call.FollowUpTaskId = open;
                await ReviseFollowUpAsync(db, call, turns, open);
                return;
            }
            call.FollowUpTaskId = await CreateFollowUpAsync(db, call, turns);
            if (call.FollowUpTaskId is { } made)
            {
                var written = await db.Tasks.AsNoTracking().Where(t => t.Id == made).Select(t => new { t.Title, t.Notes }).SingleOrDefaultAsync();
                call.FollowUpFingerprint = written is null ? null : CallOutcome.Fingerprint(written.Title, written.Notes);
            }
            return;
        }
        await ReviseFollowUpAsync(db, call, turns, taskId);
    }

    /// <summary>
    /// Rewrites the task's title, notes and latest call from every call it covers; its due time stays (its alert may
    /// have fired). The task is ours while it carries the text one of its calls last wrote.
    /// </summary>
    private async Task ReviseFollowUpAsync(AgentLocatorDbContext db, Call call, IReadOnlyList<CallTurn> turns, Guid taskId)
    {
        var task = await db.Tasks.AsNoTracking().Where(t => t.Id == taskId)
            .Select(t => new { t.Status, t.DeletedAt, t.Title, t.Notes, t.AssigneeId, t.DueAt, t.CallId }).SingleOrDefaultAsync();
        var others = await CustomerCallbacks.OtherCallsAsync(db, taskId, call.Id);
        var written = others.Select(c => c.Call.FollowUpFingerprint).Append(call.FollowUpFingerprint).OfType<string>()
            .FirstOrDefault(fingerprint => task is not null && fingerprint == CallOutcome.Fingerprint(task.Title, task.Notes));
        if (task is null || !CallOutcome.MayRevise(task.Status, task.DeletedAt, task.Title, task.Notes, written))
        {
            logger.LogInformation("Follow-up task {TaskId} of call {CallSid} is done or was edited; left as it is", taskId, CallSid);
            return;
        }
        var draft = await DraftFollowUpAsync(db, [.. others, new FollowUpCall(call, turns)], task.AssigneeId, task.DueAt);
        var fingerprint = CallOutcome.Fingerprint(draft.Title, draft.Notes);
        if (fingerprint == written && draft.CallId == task.CallId)
        {
            call.FollowUpFingerprint = fingerprint;
            return;
        }
        var result = await grains.GetGrain<ITaskGrain>(taskId).Update(call.BusinessId, new TaskChanges
        {
            Title = FieldChange<string>.To(draft.Title),
            Notes = FieldChange<string>.To(draft.Notes),
            CallId = draft.CallId is { } latest && latest != task.CallId ? FieldChange<Guid>.To(latest) : default,
        });
        if (result.Outcome != TaskOutcome.Ok)
        {
            logger.LogWarning("Follow-up task {TaskId} of call {CallSid} could not be revised: {Outcome}", taskId, CallSid, result.Outcome);
            return;
        }
        call.FollowUpFingerprint = CallOutcome.Fingerprint(result.Task!.Title, result.Task.Notes);
    }

    /// <summary>The task's wording: a callback for a customer (covering each of its calls), or the message itself for a withheld caller.</summary>
    private async Task<TaskDraft> DraftFollowUpAsync(AgentLocatorDbContext db, IReadOnlyList<FollowUpCall> calls, Guid assignee, DateTimeOffset due)
    {
        var call = calls[^1].Call;
        if (call.CustomerId is not { } customerId)
        {
            return CallFollowUp.MessageWithoutCustomer(call, calls[^1].Turns, assignee, due);
        }
        var name = await db.Customers.Where(c => c.Id == customerId).Select(c => c.Name).SingleAsync();
        var zone = await db.Businesses.Where(b => b.Id == call.BusinessId).Select(b => b.TimeZone).SingleAsync();
        return CallFollowUp.Callback(calls, customerId, name, assignee, due, CallbackDue.ZoneOf(zone));
    }

    private async Task SummarizeAsync(AgentLocatorDbContext db, Call call, IReadOnlyList<CallTurn> turns)
    {
        try
        {
            var caller = await LoadCallerAsync(db, call);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            var summary = await pipeline.SummarizeAsync(CallFollowUp.SummaryRequest(settings!.Name, caller, turns), timeout.Token);
            CallFollowUp.ApplySummary(call, summary);
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            // The task is still made, from the transcript; the page shows no summary.
            logger.LogWarning(error, "Summary of call {CallSid} failed", CallSid);
        }
    }

    /// <summary>
    /// The follow-up for the default agent: "call back" due now when nothing usable was said. A caller with no
    /// customer (a withheld number) who left a message gets a task carrying the message; one who left none gets
    /// nothing, since there is nobody to call back.
    /// </summary>
    private async Task<Guid?> CreateFollowUpAsync(AgentLocatorDbContext db, Call call, IReadOnlyList<CallTurn> turns)
    {
        if (call.CustomerId is null && call.Disposition != CallDisposition.Message)
        {
            logger.LogInformation("Call {CallSid} has no customer and left no message; no follow-up task", CallSid);
            return null;
        }
        var assignee = await AssigneeAsync(db);
        if (assignee is null)
        {
            logger.LogWarning("Business {BusinessId} has no user to give call {CallSid}'s follow-up to", call.BusinessId, CallSid);
            return null;
        }
        var draft = await DraftFollowUpAsync(db, [new FollowUpCall(call, turns)], assignee.Value, await CallbackDueAsync(db, call.BusinessId));
        // The call's own id: a create retried after a crash (or by a second activation) finds the task it made.
        var result = await grains.GetGrain<ITaskGrain>(call.Id).Create(call.BusinessId, draft);
        if (result.Outcome != TaskOutcome.Ok)
        {
            logger.LogWarning("Follow-up task for call {CallSid} was refused: {Outcome}", CallSid, result.Outcome);
            return null;
        }
        return result.Task!.Id;
    }

    /// <summary>The business's delay after the call, counted in its working hours (<see cref="CallbackDue"/>).</summary>
    private async Task<DateTimeOffset> CallbackDueAsync(AgentLocatorDbContext db, Guid businessId)
    {
        var business = await db.Businesses.AsNoTracking().Where(b => b.Id == businessId)
            .Select(b => new { b.CallbackDelayMinutes, b.WorkingDays, b.WorkOpensAt, b.WorkClosesAt, b.TimeZone }).SingleAsync();
        return CallbackDue.DueAt(Now(), business.CallbackDelayMinutes,
            WorkingHours.From(business.WorkingDays, business.WorkOpensAt, business.WorkClosesAt), CallbackDue.ZoneOf(business.TimeZone));
    }

    private async Task<Guid?> AssigneeAsync(AgentLocatorDbContext db)
    {
        if (settings!.DefaultAgentId is { } chosen && await db.Users.AnyAsync(u => u.Id == chosen))
        {
            return chosen;
        }
        return await db.Users.OrderBy(u => u.Role == UserRoles.Admin ? 0 : 1).ThenBy(u => u.CreatedAt)
            .Select(u => (Guid?)u.Id).FirstOrDefaultAsync();
    }
}
