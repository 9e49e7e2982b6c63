using System.Diagnostics;

namespace AgentLocator.Bench;

/// <summary>A count-based call scenario's figures (milliseconds, nearest rank) and what the bench saw around them.</summary>
public sealed record CallResult(
    string Name,
    string Label,
    int Measured,
    int Concurrency,
    double P50,
    double P95,
    double P99,
    double Max,
    IReadOnlyDictionary<string, int> Errors,
    IReadOnlyList<string> Notes)
{
    public bool HasErrors => Errors.Count > 0 || Measured == 0;

    public static CallResult From(string name, string label, long[] ticks, int concurrency, IReadOnlyDictionary<string, int> errors, IReadOnlyList<string> notes) =>
        new(name, label, ticks.Length, concurrency,
            Milliseconds(ticks, 50), Milliseconds(ticks, 95), Milliseconds(ticks, 99), Milliseconds(ticks, 100), errors, notes);

    /// <summary>Percentile of Stopwatch durations, in milliseconds.</summary>
    public static double Milliseconds(long[] ticks, double percent) =>
        Percentile(ticks.Select(t => t * 1000.0 / Stopwatch.Frequency), percent);

    /// <summary>Nearest rank, as the other scenarios read theirs; NaN for none.</summary>
    public static double Percentile(IEnumerable<double> values, double percent)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0
            ? double.NaN
            : sorted[Math.Clamp((int)Math.Ceiling(percent / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];
    }
}
