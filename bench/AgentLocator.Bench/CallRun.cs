using System.Diagnostics;
using AgentLocator.CallSimulator;

namespace AgentLocator.Bench;

/// <summary>
/// The count-based call scenarios. Workers (as many as the concurrency) take calls one at a time, each sending its
/// next request when the previous one answered, as Twilio does within a call. A warm-up of calls runs first and is
/// not counted; between phases the bench waits for the API's background pipelines to finish, so one phase's work
/// does not land inside the next one's figures.
/// </summary>
internal sealed class CallRun(
    HttpClient http, TwilioCaller caller, CallerRecording recording, CallDatabase? database, CostMeter cost, int concurrency, int count,
    CancellationToken cancellationToken)
{
    /// <summary>Calls before each measurement (JIT, connection pools, the fake Google token), not counted.</summary>
    private const int WarmUpCalls = 50;

    /// <summary>The API puts a caller back on hold for at most three reply requests; more means it is stuck.</summary>
    private const int MaxReplyRequests = 6;

    private static readonly TimeSpan DrainLimit = TimeSpan.FromMinutes(3);

    private sealed record Exchange(long Ticks, TwimlAnswer Answer);

    private sealed record Started(CallIdentity Call, string? Problem);

    private sealed record Measured(string CallSid, long Ticks, string? Problem, long ReplyTicks = 0, int Replies = 0);

    /// <summary>N calls answered first (not measured), then one handle_recording each, measured to its hold answer.</summary>
    public async Task<CallResult> RecordingAsync()
    {
        var notes = new List<string>();
        await DrainAsync(notes, "earlier scenarios' work");
        await ForEachAsync(WarmUpCalls, async _ =>
        {
            var started = await StartCallAsync();
            return started.Problem is null ? await HandleRecordingAsync(started.Call) : new Measured(started.Call.CallSid, 0, started.Problem);
        });
        await DrainAsync(notes, "the warm-up's pipelines");

        var setup = await ForEachAsync(count, _ => StartCallAsync());
        var errors = Count(setup.Select(s => s.Problem), "setup incoming_call: ");
        var calls = setup.Where(s => s.Problem is null).Select(s => s.Call).ToList();

        // Cost of the acks' window (their own work and whatever of the earlier turns' pipelines ran meanwhile), then of
        // the whole: every ack and every pipeline it started, to the drain, i.e. what one turn costs in all.
        var before = cost.Enabled ? await cost.SampleAsync(cancellationToken) : null;
        var measured = await ForEachAsync(calls.Count, i => HandleRecordingAsync(calls[i]));
        var acked = before is null ? null : await cost.SampleAsync(cancellationToken);
        long? pendingAtLastAck = database is null ? null : await database.PendingTurnsAsync(cancellationToken);
        foreach (var (kind, times) in Count(measured.Select(m => m.Problem), ""))
        {
            errors[kind] = times;
        }
        await DrainAsync(notes, "the measured calls' pipelines (after the last handle_recording answered)");
        if (before is not null && acked is not null)
        {
            var drained = await cost.SampleAsync(cancellationToken);
            notes.Add($"turns still pending (pipelines queued or running) when the last ack answered: {pendingAtLastAck?.ToString() ?? "not read"} of {measured.Length}");
            notes.Add(CostNote("cost per ack over the acks' window (earlier turns' pipelines running meanwhile included)", CostDelta.Between(before, acked), measured.Length));
            notes.Add(CostNote("cost per turn, ack + its pipeline (to the drain)", CostDelta.Between(before, drained), measured.Length));
        }
        await DescribeTurnsAsync(notes, measured.Select(m => m.CallSid).ToList());
        notes.Insert(0, $"recording: {CallerRecording.Seconds} s speech-like WAV from {recording.Where}; each call set up by incoming_call first, unmeasured");
        return CallResult.From(CallScenarios.Recording, "POST /webhook/handle_recording → hold + Redirect", measured.Select(m => m.Ticks).ToArray(),
            concurrency, errors, notes);
    }

    /// <summary>
    /// Whole first turns: incoming_call (unmeasured), handle_recording, then call_reply at once, following each
    /// Redirect, until the reply. Measured: handle_recording + every call_reply, i.e. what our side adds to a turn.
    /// </summary>
    public async Task<CallResult> TurnAsync()
    {
        var notes = new List<string>();
        await DrainAsync(notes, "earlier scenarios' work");
        await ForEachAsync(WarmUpCalls, _ => TurnOnceAsync());
        await DrainAsync(notes, "the warm-up's pipelines");

        var measured = await ForEachAsync(count, _ => TurnOnceAsync());
        var errors = Count(measured.Select(m => m.Problem), "");
        var turns = measured.Where(m => m.Ticks > 0).ToList();
        var handle = turns.Select(m => m.Ticks - m.ReplyTicks).ToArray();
        var replies = turns.Select(m => m.ReplyTicks).ToArray();
        notes.Add(CallReport.Invariant($"of which handle_recording p50 {CallResult.Milliseconds(handle, 50):0.0} / p95 {CallResult.Milliseconds(handle, 95):0.0} ms")
            + CallReport.Invariant($"; call_reply (all of a turn's) p50 {CallResult.Milliseconds(replies, 50):0.0} / p95 {CallResult.Milliseconds(replies, 95):0.0} ms"));
        var byReplies = turns.GroupBy(m => m.Replies).OrderBy(g => g.Key).Select(g => $"{g.Key}: {g.Count()}");
        notes.Add($"call_reply requests per turn (1 = the reply was ready within one request's wait): {string.Join(", ", byReplies)}");
        notes.Add($"replies as synthesized audio (<Play> of /media/…): {turns.Count(m => m.Problem is null)}/{count}");
        await DrainAsync(notes, "leftover pipelines");
        await DescribeTurnsAsync(notes, measured.Select(m => m.CallSid).ToList());
        return CallResult.From(CallScenarios.Turn, "handle_recording + call_reply until the reply", turns.Select(m => m.Ticks).ToArray(),
            concurrency, errors, notes);
    }

    private async Task<Measured> TurnOnceAsync()
    {
        var started = await StartCallAsync();
        if (started.Problem is not null)
        {
            return new Measured(started.Call.CallSid, 0, started.Problem);
        }
        var call = started.Call;
        var handled = await SendAsync(caller.HandleRecording(call, TwilioIds.NewRecordingSid(), recording.Url, CallerRecording.Seconds));
        if (handled.Answer.ProblemUnless(TwimlStep.Hold) is { } notHeld)
        {
            return new Measured(call.CallSid, handled.Ticks, "handle_recording: " + notHeld);
        }
        long replyTicks = 0;
        var replies = 0;
        var answer = handled.Answer;
        // Twilio would play the hold audio first; the bench comes back at once, so the wait is all the pipeline's.
        while (answer.Step == TwimlStep.Hold && answer.Problem is null && replies < MaxReplyRequests)
        {
            var reply = await SendAsync(caller.Redirect(call, answer.RedirectUrl!));
            replyTicks += reply.Ticks;
            replies++;
            answer = reply.Answer;
        }
        var problem = answer.ProblemUnless(TwimlStep.AudioReply) is { } wrong ? "call_reply: " + wrong : null;
        return new Measured(call.CallSid, handled.Ticks + replyTicks, problem, replyTicks, replies);
    }

    private async Task<Started> StartCallAsync()
    {
        var call = TwilioCaller.NewCall();
        var answer = await SendAsync(caller.IncomingCall(call));
        return new Started(call, answer.Answer.ProblemUnless(TwimlStep.Greeting));
    }

    private async Task<Measured> HandleRecordingAsync(CallIdentity call)
    {
        var handled = await SendAsync(caller.HandleRecording(call, TwilioIds.NewRecordingSid(), recording.Url, CallerRecording.Seconds));
        return new Measured(call.CallSid, handled.Ticks, handled.Answer.ProblemUnless(TwimlStep.Hold));
    }

    /// <summary>Sends one webhook and times it to the last byte of the answer; a transport failure is an answer too.</summary>
    private async Task<Exchange> SendAsync(HttpRequestMessage request)
    {
        using (request)
        {
            var sent = Stopwatch.GetTimestamp();
            try
            {
                using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
                var elapsed = Stopwatch.GetTimestamp() - sent;
                return new Exchange(elapsed, await TwimlAnswer.ReadAsync(response, cancellationToken));
            }
            catch (Exception error) when (error is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                return new Exchange(Stopwatch.GetTimestamp() - sent, new TwimlAnswer(TwimlStep.Other, null, error.GetType().Name));
            }
        }
    }

    /// <summary>Runs <paramref name="jobs"/> jobs on <c>concurrency</c> workers; results in job order.</summary>
    private async Task<T[]> ForEachAsync<T>(int jobs, Func<int, Task<T>> job)
    {
        var results = new T[jobs];
        var next = -1;
        var workers = Enumerable.Range(0, Math.Min(concurrency, Math.Max(jobs, 1))).Select(_ => Task.Run(async () =>
        {
            for (var i = Interlocked.Increment(ref next); i < jobs && !cancellationToken.IsCancellationRequested; i = Interlocked.Increment(ref next))
            {
                results[i] = await job(i);
            }
        }, CancellationToken.None));
        await Task.WhenAll(workers);
        return results;
    }

    private async Task DrainAsync(List<string> notes, string what)
    {
        if (database is null)
        {
            notes.Add($"no database given: {what} were not waited for");
            return;
        }
        var waited = await database.WaitForPipelinesAsync(DrainLimit, cancellationToken);
        notes.Add(waited is { } time
            ? CallReport.Invariant($"{what}: all done {time.TotalSeconds:0.0} s later (polled every 0.5 s)")
            : CallReport.Invariant($"{what}: still pending after {DrainLimit.TotalSeconds:0} s"));
    }

    /// <summary>Where the measured turns' time went, from the API's own stage timings.</summary>
    private async Task DescribeTurnsAsync(List<string> notes, IReadOnlyCollection<string> callSids)
    {
        if (database is null)
        {
            return;
        }
        var rows = await database.ReadTurnsAsync(callSids, cancellationToken);
        notes.Add($"turn rows: {rows.Count} — " + string.Join(", ", rows.GroupBy(r => $"{r.State}/{r.SpokenAs ?? "-"}").OrderBy(g => g.Key).Select(g => $"{g.Key} ×{g.Count()}")));
        notes.Add(CallReport.Invariant(
            $"turn row created → last update (the pipeline's wall time incl. its database writes): p50 {CallResult.Percentile(rows.Select(r => r.RowMilliseconds), 50):0} / p95 {CallResult.Percentile(rows.Select(r => r.RowMilliseconds), 95):0} / max {CallResult.Percentile(rows.Select(r => r.RowMilliseconds), 100):0} ms"));
        foreach (var stage in rows.SelectMany(r => r.Stages).GroupBy(s => s.Stage))
        {
            var outcomes = string.Join(" ", stage.GroupBy(s => s.Outcome).Select(g => $"{g.Key} ×{g.Count()}"));
            var ms = stage.Select(s => (double)s.Milliseconds).ToList();
            notes.Add(CallReport.Invariant(
                $"stage {stage.Key} ({outcomes}): p50 {CallResult.Percentile(ms, 50):0} / p95 {CallResult.Percentile(ms, 95):0} / max {CallResult.Percentile(ms, 100):0} ms"));
        }
    }

    private static string CostNote(string what, CostDelta cost, int requests) => CallReport.Invariant(
        $"{what}: API CPU {PerRequest(cost.ApiCpuMilliseconds, requests)} ms, Postgres CPU {PerRequest(cost.PostgresCpuMilliseconds, requests)} ms, ")
        + CallReport.Invariant($"pool checkouts {PerRequest(cost.Checkouts, requests)}, round trips {PerRequest(cost.RoundTrips, requests)}");

    private static string PerRequest(double? total, int requests) =>
        total is { } value && requests > 0 ? CallReport.Invariant($"{value / requests:0.00}") : "–";

    private static Dictionary<string, int> Count(IEnumerable<string?> problems, string prefix) =>
        problems.OfType<string>().GroupBy(p => prefix + p).ToDictionary(g => g.Key, g => g.Count());
}
