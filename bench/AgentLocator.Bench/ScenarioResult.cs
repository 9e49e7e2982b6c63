using System.Diagnostics;

namespace AgentLocator.Bench;

/// <summary>
/// A scenario's figures. Latencies are exact: every measured request's elapsed time is kept and sorted, which at
/// a few hundred thousand requests costs a few megabytes and needs no histogram library.
/// </summary>
public sealed record ScenarioResult(
    Scenario Scenario,
    long Requests,
    double RequestsPerSecond,
    double P50Milliseconds,
    double P95Milliseconds,
    double P99Milliseconds,
    IReadOnlyDictionary<int, int> NonSuccessStatuses,
    IReadOnlyDictionary<string, int> Failures)
{
    public int NonSuccessCount => NonSuccessStatuses.Values.Sum();
    public int FailureCount => Failures.Values.Sum();
    public bool HasErrors => NonSuccessCount > 0 || FailureCount > 0 || Requests == 0;

    /// <summary>CPU and database trips over the measured window (<see cref="CostMeter"/>), when it could be read.</summary>
    public CostDelta? Cost { get; init; }

    /// <summary>Set for an open-loop run (<see cref="FixedRateLoad"/>): the requests per second it offered.</summary>
    public double? OfferedRate { get; init; }

    /// <summary>Open loop: how late the client sent, behind schedule (already inside the latencies above).</summary>
    public double? SendLagP50Milliseconds { get; init; }

    public double? SendLagP99Milliseconds { get; init; }

    public static ScenarioResult From(Scenario scenario, IReadOnlyList<WorkerTally> tallies, TimeSpan measured)
    {
        var elapsed = tallies.SelectMany(tally => tally.ElapsedTicks).ToArray();
        Array.Sort(elapsed);
        return new ScenarioResult(
            scenario,
            elapsed.Length,
            elapsed.Length / measured.TotalSeconds,
            Percentile(elapsed, 50),
            Percentile(elapsed, 95),
            Percentile(elapsed, 99),
            Merge(tallies.Select(tally => tally.NonSuccessStatuses)),
            Merge(tallies.Select(tally => tally.Failures)));
    }

    /// <summary>Nearest rank: the smallest sample with at least <paramref name="percent"/>% of samples at or below it.</summary>
    internal static double Percentile(long[] sorted, double percent)
    {
        if (sorted.Length == 0)
        {
            return double.NaN;
        }
        var rank = (int)Math.Ceiling(percent / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)] * 1000.0 / Stopwatch.Frequency;
    }

    private static Dictionary<TKey, int> Merge<TKey>(IEnumerable<Dictionary<TKey, int>> counts) where TKey : notnull =>
        counts.SelectMany(count => count)
            .GroupBy(pair => pair.Key)
            .ToDictionary(group => group.Key, group => group.Sum(pair => pair.Value));
}
