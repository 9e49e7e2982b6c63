using System.Diagnostics;

namespace AgentLocator.Bench;

/// <summary>
/// Closed loop: each of N workers sends its next request only when the previous one has answered, so the server
/// is never offered more than N requests at once and latency is not inflated by a queue in the client.
/// </summary>
public sealed class LoadGenerator(HttpClient client, int concurrency, TimeSpan warmUp, TimeSpan duration, CostMeter? cost = null)
{
    // A request still unanswered this long after the window closes is abandoned, so a hung server cannot hang the run.
    private static readonly TimeSpan StragglerGrace = TimeSpan.FromSeconds(30);

    public async Task<ScenarioResult> RunAsync(Scenario scenario, Func<HttpRequestMessage> newRequest, CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        var measureFrom = start + ToTimestampTicks(warmUp);
        var measureUntil = measureFrom + ToTimestampTicks(duration);
        using var hardStop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        hardStop.CancelAfter(warmUp + duration + StragglerGrace);

        var workers = Enumerable.Range(0, concurrency)
            .Select(_ => Task.Run(() => RunWorkerAsync(newRequest, scenario.Check, measureFrom, measureUntil, cancellationToken, hardStop.Token), CancellationToken.None))
            .ToArray();
        var spent = cost?.MeasureWindowAsync(measureFrom, measureUntil, cancellationToken) ?? Task.FromResult<CostDelta?>(null);
        var tallies = await Task.WhenAll(workers);

        var measuredTicks = Math.Max(Stopwatch.GetTimestamp(), measureUntil) - measureFrom;
        return ScenarioResult.From(scenario, tallies, Stopwatch.GetElapsedTime(0, measuredTicks)) with { Cost = await spent };
    }

    private async Task<WorkerTally> RunWorkerAsync(Func<HttpRequestMessage> newRequest, Func<HttpResponseMessage, CancellationToken, Task<string?>>? check,
        long measureFrom, long measureUntil, CancellationToken interrupted, CancellationToken hardStop)
    {
        var tally = new WorkerTally();
        while (!hardStop.IsCancellationRequested)
        {
            var sentAt = Stopwatch.GetTimestamp();
            if (sentAt >= measureUntil)
            {
                break;
            }
            var measured = sentAt >= measureFrom;
            try
            {
                using var request = newRequest();
                using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead, hardStop);
                if (measured)
                {
                    await tally.RecordAsync(Stopwatch.GetTimestamp() - sentAt, response, check, hardStop);
                }
            }
            // Any failure is a result to count, not a reason to stop: the report shows each kind.
            catch (Exception exception)
            {
                // Requests cut short by Ctrl+C say nothing about the server; a straggler past the grace period does.
                if (interrupted.IsCancellationRequested)
                {
                    break;
                }
                if (measured)
                {
                    tally.RecordFailure(Stopwatch.GetTimestamp() - sentAt, exception);
                }
            }
        }
        return tally;
    }

    private static long ToTimestampTicks(TimeSpan span) => (long)(span.TotalSeconds * Stopwatch.Frequency);
}

/// <summary>One worker's measured requests; kept per worker so recording needs no locks.</summary>
public sealed class WorkerTally
{
    public List<long> ElapsedTicks { get; } = new(capacity: 16_384);
    public Dictionary<int, int> NonSuccessStatuses { get; } = [];
    public Dictionary<string, int> Failures { get; } = [];

    public void Record(long elapsedTicks, int status)
    {
        ElapsedTicks.Add(elapsedTicks);
        if (status is < 200 or > 299)
        {
            NonSuccessStatuses[status] = NonSuccessStatuses.GetValueOrDefault(status) + 1;
        }
    }

    /// <summary>Records an answer; a 2xx one the scenario's check finds wrong counts as a failure of the kind it names.</summary>
    public async Task RecordAsync(long elapsedTicks, HttpResponseMessage response,
        Func<HttpResponseMessage, CancellationToken, Task<string?>>? check, CancellationToken cancellationToken)
    {
        if (check is null || !response.IsSuccessStatusCode || await check(response, cancellationToken) is not { } problem)
        {
            Record(elapsedTicks, (int)response.StatusCode);
            return;
        }
        RecordProblem(elapsedTicks, problem);
    }

    /// <summary>A 2xx answer that is wrong inside (see <see cref="Scenario.Check"/>).</summary>
    public void RecordProblem(long elapsedTicks, string problem)
    {
        ElapsedTicks.Add(elapsedTicks);
        Failures[problem] = Failures.GetValueOrDefault(problem) + 1;
    }

    public void RecordFailure(long elapsedTicks, Exception exception)
    {
        ElapsedTicks.Add(elapsedTicks);
        var kind = exception.InnerException is { } inner ? $"{exception.GetType().Name}: {inner.GetType().Name}" : exception.GetType().Name;
        Failures[kind] = Failures.GetValueOrDefault(kind) + 1;
    }
}
