using System.Globalization;
using System.Text;

namespace AgentLocator.Bench;

/// <summary>Renders the results as Markdown, each scenario beside its ratio to the ceiling.</summary>
public static class ReportPrinter
{
    public static string Render(BenchOptions options, IReadOnlyList<ScenarioResult> results)
    {
        var ceiling = results.FirstOrDefault(result => result.Scenario.Name == ScenarioCatalog.CeilingName);
        var text = new StringBuilder();
        text.AppendLine(Invariant($"Concurrency {options.Concurrency}, warm-up {options.WarmUp.TotalSeconds:0.#} s, measured {options.Duration.TotalSeconds:0.#} s per scenario, {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC."));
        text.AppendLine();
        text.AppendLine("| Scenario | req/s | p50 ms | p95 ms | p99 ms | requests | non-2xx | errors | req/s vs ceiling | p99 vs ceiling |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var result in results)
        {
            var name = result.HasErrors ? $"**{result.Scenario.Label} — FAILED REQUESTS**" : result.Scenario.Label;
            // An open-loop row's req/s is the rate it was offered, not a throughput to compare.
            var throughputRatio = ceiling is null || result.OfferedRate is not null ? "–" : Percent(result.RequestsPerSecond / ceiling.RequestsPerSecond);
            var p99Ratio = ceiling is null ? "–" : Invariant($"{result.P99Milliseconds / ceiling.P99Milliseconds:0.0}×");
            text.AppendLine(Invariant(
                $"| {name} | {result.RequestsPerSecond:0} | {result.P50Milliseconds:0.00} | {result.P95Milliseconds:0.00} | {result.P99Milliseconds:0.00} | {result.Requests} | {result.NonSuccessCount} | {result.FailureCount} | {throughputRatio} | {p99Ratio} |"));
        }

        foreach (var open in results.Where(result => result.OfferedRate is not null))
        {
            text.AppendLine();
            text.AppendLine(Invariant(
                $"- {open.Scenario.Label}: open loop, one request every {1000 / open.OfferedRate!.Value:0.##} ms whatever the answers; latency from each request's scheduled time (queueing included). The client left late by p50 {open.SendLagP50Milliseconds:0.00} / p99 {open.SendLagP99Milliseconds:0.00} ms (inside those latencies)."));
        }

        RenderCost(text, results);

        foreach (var failed in results.Where(result => result.HasErrors))
        {
            var statuses = failed.NonSuccessStatuses.Select(pair => $"HTTP {pair.Key} ×{pair.Value}");
            var failures = failed.Failures.Select(pair => $"{pair.Key} ×{pair.Value}");
            var detail = string.Join(", ", statuses.Concat(failures));
            text.AppendLine();
            text.AppendLine($"- {failed.Scenario.Label}: {(detail.Length > 0 ? detail : "no request completed")}");
        }
        return text.ToString();
    }

    /// <summary>
    /// Each window's API and Postgres CPU and database trips divided by its requests (<see cref="CostMeter"/>). CPU is
    /// read in 10 ms ticks over a whole window, so a figure is good to about 10 ms ÷ requests.
    /// </summary>
    private static void RenderCost(StringBuilder text, IReadOnlyList<ScenarioResult> results)
    {
        var costed = results.Where(result => result.Cost is not null && result.Requests > 0).ToList();
        if (costed.Count == 0)
        {
            return;
        }
        text.AppendLine();
        text.AppendLine("Cost per request (measured window; API process and Postgres cluster CPU from /proc, database trips from the API's bench probe):");
        text.AppendLine();
        text.AppendLine("| Scenario | API CPU ms/req | Postgres CPU ms/req | CPU cores busy (API + Postgres) | pool checkouts/req | round trips/req |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|");
        foreach (var result in costed)
        {
            var cost = result.Cost!;
            double requests = result.Requests;
            var seconds = requests / result.RequestsPerSecond;
            var busy = cost.ApiCpuMilliseconds is { } a && cost.PostgresCpuMilliseconds is { } p ? Invariant($"{(a + p) / 1000 / seconds:0.00}") : "–";
            text.AppendLine(Invariant(
                $"| {result.Scenario.Label} | {PerRequest(cost.ApiCpuMilliseconds, requests, "0.000")} | {PerRequest(cost.PostgresCpuMilliseconds, requests, "0.000")} | {busy} | {PerRequest(cost.Checkouts, requests, "0.00")} | {PerRequest(cost.RoundTrips, requests, "0.00")} |"));
        }
    }

    private static string PerRequest(double? total, double requests, string format) =>
        total is { } value ? (value / requests).ToString(format, CultureInfo.InvariantCulture) : "–";

    // Sign-in sits far below 1 % of the ceiling; one decimal would print it as zero.
    private static string Percent(double ratio) =>
        (ratio * 100).ToString(ratio < 0.01 ? "0.000" : "0.0", CultureInfo.InvariantCulture) + " %";

    private static string Invariant(FormattableString value) => value.ToString(CultureInfo.InvariantCulture);
}
