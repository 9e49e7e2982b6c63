using AgentLocator.Grains.Abstractions;
using AgentLocator.Grains.Calls.Providers;
using AgentLocator.Grains.Data;
using AgentLocator.Grains.Data.Entities;
using AgentLocator.Grains.Timeline;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace AgentLocator.Grains.Calls;

// After the call: what it amounted to (disposition), an AI summary when a chat model is configured, and one
// follow-up task for the business's default agent. Safe to run any number of times: each part is done once.
public sealed partial class CallGrain
{
    private Task? finishing;

    public Task Finish() => StartFinishing();

    /// <summary>Runs the after-call work in the background; callers that arrive while it runs share it.</summary>
    private Task StartFinishing()
    {
        if (finishing is { IsCompleted: false })
        {
            return finishing;
        }
        DelayDeactivation(TimeSpan.FromMinutes(5));
        finishing = FinishAsync();
        return finishing;
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
            await using (var lookup = contexts.For(businessId!.Value))
            {
                var pending = await lookup.CallTurns.AsNoTracking()
                    .Where(t => t.State == TurnState.Pending && lookup.Calls.Any(c => c.Id == t.CallId && c.CallSid == CallSid))
                    .ToListAsync();
                foreach (var turn in pending)
                {
                    _ = EnsurePipeline(turn);
                }
            }
            // The summary needs every transcript, so the turns still in the pipeline finish first (bounded).
            var running = pipelines.Values.Where(p => !p.IsCompleted).ToArray();
            if (running.Length > 0)
            {
                await Task.WhenAny(Task.WhenAll(running), Task.Delay(Limits.FinishWait, clock));
            }

            await using var db = contexts.For(businessId!.Value);
            var call = await db.Calls.SingleAsync(c => c.CallSid == CallSid);
            var turns = await db.CallTurns.AsNoTracking().Where(t => t.CallId == call.Id).OrderBy(t => t.Number).ToListAsync();
            call.Disposition = DispositionOf(call, turns);

            if (call.ProcessedAt is null && pipeline.CanSummarize && turns.Any(t => !string.IsNullOrWhiteSpace(t.Transcript)))
            {
                await SummarizeAsync(db, call, turns);
            }
            if (call.FollowUpTaskId is null && call.Disposition != CallDisposition.InProgress)
            {
                call.FollowUpTaskId = await CreateFollowUpAsync(db, call, turns);
            }
            if (call.Disposition != CallDisposition.InProgress)
            {
                call.ProcessedAt ??= Now();
            }
            await CallTimelineEvents.UpsertAsync(db, call, turns, Now()); // the call's timeline event, in the outcome's transaction
            if (db.ChangeTracker.HasChanges())
            {
                call.UpdatedAt = Now();
                await db.SaveChangesAsync();
                await NotifyAsync(call.Id);
            }
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            logger.LogError(error, "After-call work of call {CallSid} failed", CallSid);
        }
    }

    /// <summary>A message counts when the caller said something we kept (silent ones do not).</summary>
    internal static CallDisposition DispositionOf(Call call, IReadOnlyList<CallTurn> turns)
    {
        if (turns.Any(t => t.State != TurnState.Silent && (t.State != TurnState.Failed || !string.IsNullOrWhiteSpace(t.Transcript) || t.RecordingKey is not null)))
        {
            return CallDisposition.Message;
        }
        if (turns.Count == 0 && call.Status is CallStatus.Busy or CallStatus.NoAnswer or CallStatus.Failed or CallStatus.Canceled)
        {
            return CallDisposition.Missed;
        }
        if (!call.Status.IsFinal() && turns.Count == 0)
        {
            return CallDisposition.InProgress;
        }
        return CallDisposition.NoMessage;
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

    /// <summary>The follow-up for the default agent: "call back" due now when nothing usable was said.</summary>
    private async Task<Guid?> CreateFollowUpAsync(AgentLocatorDbContext db, Call call, IReadOnlyList<CallTurn> turns)
    {
        if (call.CustomerId is not { } customerId)
        {
            // A withheld number gives no one to call back, and a task belongs to a customer.
            logger.LogInformation("Call {CallSid} has no customer; no follow-up task", CallSid);
            return null;
        }
        var assignee = await AssigneeAsync(db);
        if (assignee is null)
        {
            logger.LogWarning("Business {BusinessId} has no user to give call {CallSid}'s follow-up to", call.BusinessId, CallSid);
            return null;
        }
        var name = await db.Customers.Where(c => c.Id == customerId).Select(c => c.Name).SingleAsync();
        var draft = CallFollowUp.Draft(call, turns, customerId, name, assignee.Value, Now());
        var result = await grains.GetGrain<ITaskGrain>(Guid.CreateVersion7()).Create(call.BusinessId, draft);
        if (result.Outcome != TaskOutcome.Ok)
        {
            logger.LogWarning("Follow-up task for call {CallSid} was refused: {Outcome}", CallSid, result.Outcome);
            return null;
        }
        return result.Task!.Id;
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
