using System.Diagnostics;

namespace AgentLocator.Bench;

/// <summary>
/// Open loop: requests leave on a fixed schedule (request i at start + i / rate) whether or not earlier ones have
/// answered, as callers do. Each latency is measured from the request's scheduled time, not from when it actually
/// left, so a stalled server (or a late client) shows up as queueing instead of being hidden by coordinated omission.
/// </summary>
public sealed class FixedRateLoad(HttpClient client, TimeSpan warmUp, TimeSpan duration, CostMeter? cost = null)
{
    private static readonly TimeSpan StragglerGrace = TimeSpan.FromSeconds(30);

    public async Task<ScenarioResult> RunAsync(Scenario scenario, Func<HttpRequestMessage> newRequest, double rate, CancellationToken cancellationToken)
    {
        var ticksPerRequest = Stopwatch.Frequency / rate;
        var warmUpRequests = (long)Math.Ceiling(warmUp.TotalSeconds * rate);
        var total = warmUpRequests + (long)Math.Ceiling(duration.TotalSeconds * rate);
        using var hardStop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        hardStop.CancelAfter(warmUp + duration + StragglerGrace);

        var tally = new WorkerTally();
        var sendLags = new List<long>((int)Math.Min(total, 1_000_000));
        var inFlight = new List<Task>((int)Math.Min(total, 1_000_000));
        var start = Stopwatch.GetTimestamp();
        var spent = cost?.MeasureWindowAsync(start + (long)(warmUpRequests * ticksPerRequest), start + (long)(total * ticksPerRequest), cancellationToken)
            ?? Task.FromResult<CostDelta?>(null);
        for (long i = 0; i < total && !cancellationToken.IsCancellationRequested;)
        {
            // Send everything already due, then sleep until the next one. Timers wake a millisecond or so late; that
            // lateness is inside the measured latency (it starts at the schedule) and reported as the send lag.
            var now = Stopwatch.GetTimestamp();
            for (; i < total && start + (long)(i * ticksPerRequest) <= now; i++)
            {
                var scheduled = start + (long)(i * ticksPerRequest);
                var measured = i >= warmUpRequests;
                if (measured)
                {
                    sendLags.Add(now - scheduled);
                }
                inFlight.Add(SendAsync(newRequest, scenario.Check, scheduled, measured ? tally : null, cancellationToken, hardStop.Token));
            }
            if (i < total)
            {
                var wait = start + (long)(i * ticksPerRequest) - Stopwatch.GetTimestamp();
                try
                {
                    // Whole milliseconds, rounded up: the timer truncates, and waking early costs a second sleep.
                    await Task.Delay(TimeSpan.FromMilliseconds(Math.Max(1, Math.Ceiling(wait * 1000.0 / Stopwatch.Frequency))), cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }
        await Task.WhenAll(inFlight);

        sendLags.Sort();
        var result = ScenarioResult.From(scenario, [tally], duration);
        return result with
        {
            Cost = await spent,
            OfferedRate = rate,
            SendLagP50Milliseconds = ScenarioResult.Percentile([.. sendLags], 50),
            SendLagP99Milliseconds = ScenarioResult.Percentile([.. sendLags], 99),
        };
    }

    private async Task SendAsync(Func<HttpRequestMessage> newRequest, Func<HttpResponseMessage, CancellationToken, Task<string?>>? check,
        long scheduled, WorkerTally? tally, CancellationToken interrupted, CancellationToken hardStop)
    {
        // Off the scheduler's thread at once, so a slow send cannot delay the next departure.
        await Task.Yield();
        try
        {
            using var request = newRequest();
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead, hardStop);
            if (tally is not null)
            {
                var elapsed = Stopwatch.GetTimestamp() - scheduled;
                // Completions run concurrently; one lock per answer is nothing at a few hundred per second.
                string? problem = null;
                if (check is not null && response.IsSuccessStatusCode)
                {
                    problem = await check(response, hardStop);
                }
                lock (tally)
                {
                    if (problem is null)
                    {
                        tally.Record(elapsed, (int)response.StatusCode);
                    }
                    else
                    {
                        tally.RecordProblem(elapsed, problem);
                    }
                }
            }
        }
        catch (Exception exception) when (tally is not null && !interrupted.IsCancellationRequested)
        {
            lock (tally)
            {
                tally.RecordFailure(Stopwatch.GetTimestamp() - scheduled, exception);
            }
        }
        catch (Exception) when (tally is null || interrupted.IsCancellationRequested)
        {
            // A warm-up request's failure, or one cut short by Ctrl+C: nothing to count.
        }
    }
}
