using AgentLocator.Grains.Abstractions;
using AgentLocator.Grains.Calls.Pipeline;
using AgentLocator.Grains.Calls.Providers;
using AgentLocator.Grains.Data;
using AgentLocator.Grains.Data.Configurations;
using AgentLocator.Grains.Data.Entities;
using AgentLocator.Grains.Telemetry;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace AgentLocator.Grains.Calls;

/// <summary>What a business set for its receptionist (null text: the built-in default).</summary>
internal sealed record BusinessSettings(
    Guid Id, string Name, string? GreetingText, string? GreetingAudioKey, string? ReplyPrompt, string? FallbackMessage, Guid? DefaultAgentId,
    string? HoldClipKey = null, double? HoldClipSeconds = null)
{
    public string Fallback => string.IsNullOrWhiteSpace(FallbackMessage) ? CallGreetings.DefaultFallbackMessage : FallbackMessage.Trim();
    public string Prompt => string.IsNullOrWhiteSpace(ReplyPrompt) ? CallGreetings.DefaultReplyPrompt : ReplyPrompt.Trim();
}

// The turn loop: Twilio posts a recording, gets hold audio and a redirect, and comes back for the reply while the
// pipeline runs here in the background. Every answer is decided from the turn row, so a retried request or a new
// activation answers the same way.
public sealed partial class CallGrain
{
    private readonly Dictionary<int, Task> pipelines = [];

    /// <summary>The call's latest pipeline: a call's turns are processed in order, each reply written from the ones before.</summary>
    private Task lastPipeline = Task.CompletedTask;

    /// <summary>When each turn's current reply wait ends: it runs while the caller hears the hold step that began it.</summary>
    private readonly Dictionary<int, DateTimeOffset> replyWaitEnds = [];

    /// <summary>Turn rows are written by the pipeline and by reply requests interleaved with it: one at a time.</summary>
    private readonly SemaphoreSlim turnWrites = new(1, 1);

    private CallPipelineOptions Limits => options.Value;

    /// <summary>
    /// The ack Twilio waits on: stores the turn (the durable record its pipeline is resumed from) and answers. The
    /// pipeline itself is queued (<see cref="TurnPipelineQueue"/>) and never runs inside this request.
    /// </summary>
    public async Task<TurnAnswer> HandleRecording(PostedRecording recording)
    {
        if (!await EnsureBusinessAsync())
        {
            return new TurnAnswer(TurnStep.UnknownCall, 0);
        }
        await using var db = contexts.For(businessId!.Value);
        // One pooled connection for the two reads and the write (EF would take one per statement).
        await db.Database.OpenConnectionAsync();
        var call = await db.Calls.SingleAsync(c => c.CallSid == CallSid);
        callRowId = call.Id;
        var turn = await db.CallTurns.SingleOrDefaultAsync(t => t.CallId == call.Id && t.RecordingSid == recording.RecordingSid)
            ?? await AddTurnAsync(db, call, recording);
        if (call.Status.IsFinal() || call.ProcessedAt is not null)
        {
            // Posted after the call ended (Twilio's callbacks are not ordered): the outcome must take this turn in,
            // even one that never reaches the pipeline (too short).
            _ = EnsurePipeline(turn);
            _ = StartFinishing();
        }
        if (turn.HungUp || recording.HungUp)
        {
            _ = EnsurePipeline(turn);
            _ = StartFinishing();
            return new TurnAnswer(TurnStep.HangUp, turn.Number);
        }
        if (turn.State == TurnState.Silent)
        {
            return await RepromptOrSayGoodbyeAsync(turn.Number);
        }
        _ = EnsurePipeline(turn);
        return Hold(turn.Number, 1);
    }

    /// <summary>Hold audio, then back for the reply; the reply wait (<see cref="HoldTiming"/>) is counted from now.</summary>
    private TurnAnswer Hold(int turnNumber, int attempt)
    {
        var clipSeconds = settings!.HoldClipKey is null ? null : settings.HoldClipSeconds;
        replyWaitEnds[turnNumber] = clock.GetUtcNow() + HoldTiming.ReplyWaitOf(attempt, Limits.ReplyWait, clipSeconds);
        return new TurnAnswer(TurnStep.Hold, turnNumber, AudioKey: settings.HoldClipKey, Attempt: attempt,
            AudioSeconds: clipSeconds, MessageKept: true);
    }

    /// <summary>
    /// What is left of the reply wait that began with the turn's last hold answer. Twilio comes back after the clip:
    /// after a later step nothing is left; after the short first step, a moment for a reply that is nearly ready. Unknown here (a new activation): no wait, since
    /// the caller has most likely just heard a whole clip and every moment now is silence.
    /// </summary>
    private TimeSpan ReplyWaitLeft(int turnNumber)
    {
        if (!replyWaitEnds.TryGetValue(turnNumber, out var ends))
        {
            return TimeSpan.Zero;
        }
        var left = ends - clock.GetUtcNow();
        return left <= TimeSpan.Zero ? TimeSpan.Zero : left > Limits.ReplyWait ? Limits.ReplyWait : left;
    }

    private async Task<CallTurn> AddTurnAsync(AgentLocatorDbContext db, Call call, PostedRecording recording)
    {
        var now = Now();
        // Twilio's own duration answers "too short" before anything is downloaded; silence is found after.
        var tooShort = recording.DurationSeconds is { } seconds && seconds < Limits.MinRecordingSeconds && !recording.HungUp;
        var turn = new CallTurn
        {
            Id = Guid.CreateVersion7(), BusinessId = call.BusinessId, CallId = call.Id,
            Number = call.TurnCount + 1, RecordingSid = Truncate(recording.RecordingSid, 64)!,
            RecordingUrl = Truncate(recording.RecordingUrl, 2048), RecordingSeconds = recording.DurationSeconds,
            HungUp = recording.HungUp, State = tooShort ? TurnState.Silent : TurnState.Pending,
            StagesJson = tooShort
                ? StageTiming.Serialize([new StageTiming("check", StageTiming.Silent, 0, $"{recording.DurationSeconds:0.#} שניות")])
                : "[]",
            CreatedAt = now, UpdatedAt = now,
        };
        call.TurnCount = turn.Number;
        call.UpdatedAt = now;
        db.CallTurns.Add(turn);
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException error) when (error.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: CallTurnConfiguration.UniqueRecordingIndex })
        {
            // Another silo's activation stored this same recording a moment ago.
            db.ChangeTracker.Clear();
            return await db.CallTurns.SingleAsync(t => t.CallId == call.Id && t.RecordingSid == recording.RecordingSid);
        }
        await NotifyAsync(call.Id);
        return turn;
    }

    public async Task<TurnAnswer> AwaitReply(int turnNumber, int attempt)
    {
        if (!await EnsureBusinessAsync())
        {
            return new TurnAnswer(TurnStep.UnknownCall, turnNumber);
        }
        var turn = await LoadTurnAsync(turnNumber);
        if (turn is null)
        {
            return new TurnAnswer(TurnStep.UnknownCall, turnNumber);
        }
        if (turn.State == TurnState.Pending && turn.SpokenAs is null)
        {
            var running = EnsurePipeline(turn);
            if (ReplyWaitLeft(turnNumber) is var left && left > TimeSpan.Zero)
            {
                await Task.WhenAny(running, Task.Delay(left, clock));
            }
            turn = (await LoadTurnAsync(turnNumber))!;
        }

        if (turn.SpokenAs is not null)
        {
            // A retried request hears what the first one heard.
            return Spoken(turn);
        }
        switch (turn.State)
        {
            case TurnState.Pending when attempt < Limits.ReplyAttempts:
                return Hold(turnNumber, attempt + 1);
            case TurnState.Silent:
                return await RepromptOrSayGoodbyeAsync(turnNumber);
            case TurnState.Ready when turn.Reply is not null:
                return Spoken(turn);
            default:
                // Out of time, failed, not configured, or no reply could be written: the business's fallback, once.
                await WriteTurnAsync(turnNumber, t => t.SpokenAs ??= SpokenAs.Fallback);
                _ = StartFinishing();
                return new TurnAnswer(TurnStep.Goodbye, turnNumber, settings!.Fallback, MessageKept: true);
        }
    }

    private TurnAnswer Spoken(CallTurn turn)
    {
        if (turn.SpokenAs == SpokenAs.Fallback || turn.Reply is null)
        {
            return new TurnAnswer(TurnStep.Goodbye, turn.Number, settings!.Fallback, MessageKept: true);
        }
        var listenAgain = turn.Number < Limits.MaxTurns;
        if (!listenAgain)
        {
            _ = StartFinishing();
        }
        return new TurnAnswer(TurnStep.Speak, turn.Number, turn.Reply, turn.SpokenAs == SpokenAs.Audio ? turn.ReplyAudioKey : null, listenAgain);
    }

    /// <summary>
    /// A too-short or silent message: ask once more per call, then end. Either way the last words depend on whether
    /// an earlier turn of the call kept a message ("received") or none did ("no message was received").
    /// </summary>
    private async Task<TurnAnswer> RepromptOrSayGoodbyeAsync(int turnNumber)
    {
        var kept = await AnyMessageKeptAsync();
        var first = false;
        await ChangeAsync(call =>
        {
            if (!call.Reprompted)
            {
                call.Reprompted = true;
                first = true;
            }
        });
        if (first)
        {
            return new TurnAnswer(TurnStep.Reprompt, turnNumber, MessageKept: kept);
        }
        _ = StartFinishing();
        return new TurnAnswer(TurnStep.Goodbye, turnNumber, MessageKept: kept);
    }

    /// <summary>Whether any turn of this call recorded a message (anything not found silent or too short).</summary>
    private async Task<bool> AnyMessageKeptAsync()
    {
        if (await CallRowIdAsync() is not { } callId)
        {
            return false;
        }
        await using var db = contexts.For(businessId!.Value);
        return await db.CallTurns.AnyAsync(t => t.CallId == callId && t.State != TurnState.Silent);
    }

    /// <summary>Starts the turn's pipeline unless it is running or done; a turn left pending by a lost activation is resumed.</summary>
    private Task EnsurePipeline(CallTurn turn)
    {
        if (pipelines.TryGetValue(turn.Number, out var running))
        {
            return running;
        }
        if (turn.State != TurnState.Pending)
        {
            return Task.CompletedTask;
        }
        // Keep this activation (and the work in it) alive while Twilio's caller is waiting and after.
        DelayDeactivation(TimeSpan.FromMinutes(5));
        var work = RunPipelineAsync(lastPipeline, turn.CallId, turn.Number, turn.RecordingUrl, turn.RecordingSeconds, turn.HungUp);
        pipelines[turn.Number] = work;
        lastPipeline = work;
        return work;
    }

    /// <summary>
    /// Waits for the call's previous turn, then for a worker of the queue, which runs <see cref="ProcessTurnAsync"/> off
    /// this grain's scheduler: no request to this call (or any other) waits behind the stages. Back here only to see
    /// whether the call's outcome must take the turn in.
    /// </summary>
    private async Task RunPipelineAsync(Task previous, Guid callId, int number, string? recordingUrl, double? recordingSeconds, bool hungUp)
    {
        await previous;
        // Captured here, on the grain: the worker reads nothing of this activation that a request may change.
        var business = businessId!.Value;
        var (name, prompt) = (settings!.Name, settings.Prompt);
        var callSid = CallSid;
        try
        {
            await queue.EnqueueAsync(stopping =>
                ProcessTurnAsync(business, callSid, new TurnStart(callId, number, recordingUrl, recordingSeconds, hungUp, name, prompt), stopping));
        }
        catch (OperationCanceledException)
        {
            // The process is stopping before the turn ran: it stays pending, and is resumed from its row.
            return;
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            // Logged by the queue; the turn's state says what became of it.
            logger.LogDebug(error, "Pipeline of call {CallSid} turn {Turn} ended with an error", callSid, number);
        }
        await TurnHandledAsync();
    }

    private sealed record TurnStart(Guid CallId, int Number, string? RecordingUrl, double? RecordingSeconds, bool HungUp, string BusinessName, string ReplyPrompt);

    /// <summary>The turn's pipeline and the storing of its result, run by a queue worker (not on the grain's scheduler).</summary>
    private async Task ProcessTurnAsync(Guid business, string callSid, TurnStart start, CancellationToken stopping)
    {
        var number = start.Number;
        try
        {
            var (caller, earlier) = await LoadConversationAsync(business, callSid, number);
            var work = new TurnWork(callSid, number, start.RecordingUrl, start.RecordingSeconds, start.HungUp, start.BusinessName, start.ReplyPrompt, caller, earlier);
            var result = await pipeline.RunAsync(work, Limits.MinRecordingSeconds, stopping);
            AgentLocatorTelemetry.CallTurns.Add(1, AgentLocatorTelemetry.Outcome(WireNames<TurnState>.Of(result.State)));
            await WriteTurnAsync(business, start.CallId, number, turn =>
            {
                turn.State = result.State;
                turn.RecordingKey = result.RecordingKey ?? turn.RecordingKey;
                turn.RecordingSeconds = result.RecordingSeconds ?? turn.RecordingSeconds;
                turn.Transcript = result.Transcript;
                turn.Reply = result.Reply;
                turn.ReplyAudioKey = result.ReplyAudioKey;
                turn.StagesJson = StageTiming.Serialize(result.Stages);
                // A caller who already heard the fallback keeps that as what they heard.
                if (turn.SpokenAs is null && result.State == TurnState.Ready && result.Reply is not null)
                {
                    turn.SpokenAs = result.SpokenAs;
                }
            });
        }
        catch (Exception error) when (error is not OutOfMemoryException && !(error is OperationCanceledException && stopping.IsCancellationRequested))
        {
            logger.LogError(error, "Pipeline of call {CallSid} turn {Turn} failed", callSid, number);
            AgentLocatorTelemetry.CallTurns.Add(1, AgentLocatorTelemetry.Outcome(WireNames<TurnState>.Of(TurnState.Failed)));
            await WriteTurnAsync(business, start.CallId, number, turn => turn.State = TurnState.Failed);
        }
    }

    /// <summary>What the reply is written from: who is calling, and the exchanges before this turn.</summary>
    private async Task<(CallerContext Caller, IReadOnlyList<ConversationTurn> Earlier)> LoadConversationAsync(Guid business, string callSid, int number)
    {
        await using var db = contexts.For(business);
        await db.Database.OpenConnectionAsync();
        var call = await db.Calls.AsNoTracking().SingleAsync(c => c.CallSid == callSid);
        var earlier = await db.CallTurns.AsNoTracking()
            .Where(t => t.CallId == call.Id && t.Number < number && t.Transcript != null && t.Transcript != "")
            .OrderBy(t => t.Number)
            .Select(t => new ConversationTurn(t.Transcript!, t.SpokenAs == SpokenAs.Fallback ? null : t.Reply))
            .ToListAsync();
        return (await LoadCallerAsync(db, call), earlier);
    }

    private static async Task<CallerContext> LoadCallerAsync(AgentLocatorDbContext db, Call call)
    {
        if (call.CustomerId is not { } customerId)
        {
            return new CallerContext(null, call.From, null, false, []);
        }
        var customer = await db.Customers.AsNoTracking().Where(c => c.Id == customerId)
            .Select(c => new { c.Name, c.Phone, c.Status, c.CreatedAt }).SingleOrDefaultAsync();
        var notes = await db.CustomerNotes.AsNoTracking().Where(n => n.CustomerId == customerId)
            .OrderByDescending(n => n.CreatedAt).Take(3).Select(n => n.Text).ToListAsync();
        var name = customer is null || CallGreetings.IsPlaceholderName(customer.Name) ? null : customer.Name;
        var newLead = customer is not null && customer.CreatedAt >= call.StartedAt.AddMinutes(-1);
        return new CallerContext(name, customer?.Phone ?? call.From, customer?.Status, newLead, notes);
    }

    private async Task<CallTurn?> LoadTurnAsync(int number)
    {
        if (await CallRowIdAsync() is not { } callId)
        {
            return null;
        }
        await using var db = contexts.For(businessId!.Value);
        return await db.CallTurns.AsNoTracking().Where(t => t.CallId == callId && t.Number == number).SingleOrDefaultAsync();
    }

    /// <summary>
    /// The call's row id, for the turn queries: by it they read the turns' unique (call_id, number) index. A semi-join on
    /// call_sid left the join order to table statistics, which lag a burst of new calls by up to a minute (autovacuum's
    /// analyze); the plan chosen on a near-empty table then scanned every turn of the business per lookup (400 ms each at
    /// 1,000 calls: bench/RESULTS.md, "search4 and the ack"). Read once per activation; null while the call has no row
    /// (its start was not stored).
    /// </summary>
    private async ValueTask<Guid?> CallRowIdAsync()
    {
        if (callRowId is null)
        {
            await using var db = contexts.For(businessId!.Value);
            callRowId = await db.Calls.Where(c => c.CallSid == CallSid).Select(c => (Guid?)c.Id).SingleOrDefaultAsync();
        }
        return callRowId;
    }

    private async Task WriteTurnAsync(int number, Action<CallTurn> change)
    {
        if (await CallRowIdAsync() is { } callId)
        {
            await WriteTurnAsync(businessId!.Value, callId, number, change);
        }
    }

    /// <summary>Also called by a queue worker: touches only what is passed in and what is safe from any thread.</summary>
    private async Task WriteTurnAsync(Guid business, Guid callId, int number, Action<CallTurn> change)
    {
        await turnWrites.WaitAsync();
        var changed = false;
        try
        {
            await using var db = contexts.For(business);
            await db.Database.OpenConnectionAsync();
            var turn = await db.CallTurns.Where(t => t.CallId == callId && t.Number == number).SingleOrDefaultAsync();
            if (turn is null)
            {
                return;
            }
            change(turn);
            if (db.ChangeTracker.HasChanges())
            {
                turn.UpdatedAt = Now();
                await db.SaveChangesAsync();
                changed = true;
            }
        }
        finally
        {
            turnWrites.Release();
        }
        if (changed)
        {
            await NotifyAsync(business, callId);
        }
    }

    /// <summary>Learns the call's business (and its settings) when this activation did not see the call start.</summary>
    private async Task<bool> EnsureBusinessAsync()
    {
        if (!await EnsureBusinessIdAsync())
        {
            return false;
        }
        if (settings is null)
        {
            await using var db = contexts.For(businessId!.Value);
            settings = await BusinessCallSettings.FindAsync(db, businessId!.Value);
        }
        return true;
    }

    private Task NotifyAsync(Guid callId) => NotifyAsync(businessId!.Value, callId);

    private async Task NotifyAsync(Guid business, Guid callId)
    {
        try
        {
            await notifier.CallChangedAsync(business, callId);
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            // Live views are a convenience: the call itself is stored.
            logger.LogWarning(error, "Could not announce a change of call {CallSid}", CallSid);
        }
    }
}
