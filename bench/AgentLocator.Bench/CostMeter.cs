using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;

namespace AgentLocator.Bench;

/// <summary>
/// What the requests of a measured window cost, read before and after it: CPU time of the API process and of the
/// bench's Postgres cluster from /proc (utime + stime, in clock ticks), and the API's database trips from its bench
/// probe (<c>/bench/database-calls</c>, present when the API runs with <c>Bench:Probes=true</c>, as bench/api.sh starts it).
/// Postgres is the postmaster, its live children (backends, background workers) and its reaped children (cutime +
/// cstime), so a backend that exits inside the window is still counted.
/// </summary>
public sealed class CostMeter(HttpClient client, Uri? api, int? apiPid, int? postmasterPid)
{
    // USER_HZ: 100 on every Linux the bench runs on (sysconf(_SC_CLK_TCK)); /proc reports CPU in these ticks.
    private const double MillisecondsPerTick = 10;

    public bool Enabled => apiPid is not null || postmasterPid is not null || api is not null;

    public async Task<CostSample> SampleAsync(CancellationToken cancellationToken)
    {
        var api = apiPid is { } pid ? ProcessTicks(pid, withChildren: false) : null;
        var postgres = postmasterPid is { } postmaster ? ClusterTicks(postmaster) : null;
        var calls = await DatabaseCallsAsync(cancellationToken);
        return new CostSample(api, postgres, calls);
    }

    /// <summary>
    /// Waits until the API and Postgres together use under a tenth of a core over half a second, at most 30 s, and says
    /// how long that took. Work a scenario leaves behind (live pushes queued by a burst of calls, pipelines, autovacuum)
    /// otherwise runs inside the next scenario's window: an open loop after a closed one measured it, not itself.
    /// </summary>
    public async Task<string> SettleAsync(CancellationToken cancellationToken)
    {
        if (apiPid is null && postmasterPid is null)
        {
            return "not waited for (no process ids to read)";
        }
        var started = Stopwatch.GetTimestamp();
        var busy = double.NaN;
        while (Stopwatch.GetElapsedTime(started) < TimeSpan.FromSeconds(30))
        {
            var before = CpuTicks();
            await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
            busy = TicksToMilliseconds(CpuTicks() - before) / 500;
            if (busy < 0.1)
            {
                return string.Create(CultureInfo.InvariantCulture, $"quiet after {Stopwatch.GetElapsedTime(started).TotalSeconds:0.0} s");
            }
        }
        return string.Create(CultureInfo.InvariantCulture, $"still busy after 30 s ({busy:0.00} cores), measured anyway");
    }

    private long CpuTicks() =>
        (apiPid is { } pid ? ProcessTicks(pid, withChildren: false) ?? 0 : 0) + (postmasterPid is { } postmaster ? ClusterTicks(postmaster) ?? 0 : 0);

    /// <summary>Samples at <paramref name="from"/> and <paramref name="until"/> (Stopwatch timestamps) while the load runs.</summary>
    public async Task<CostDelta?> MeasureWindowAsync(long from, long until, CancellationToken cancellationToken)
    {
        if (!Enabled)
        {
            return null;
        }
        try
        {
            await DelayUntil(from, cancellationToken);
            var before = await SampleAsync(cancellationToken);
            await DelayUntil(until, cancellationToken);
            var after = await SampleAsync(cancellationToken);
            return CostDelta.Between(before, after);
        }
        catch (Exception exception) when (exception is OperationCanceledException or HttpRequestException or IOException)
        {
            Console.Error.WriteLine($"[bench]   cost not measured: {exception.GetType().Name}: {exception.Message}");
            return null;
        }
    }

    private static async Task DelayUntil(long timestamp, CancellationToken cancellationToken)
    {
        var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), timestamp);
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, cancellationToken);
        }
    }

    private async Task<DatabaseCalls?> DatabaseCallsAsync(CancellationToken cancellationToken)
    {
        if (api is null)
        {
            return null;
        }
        using var response = await client.GetAsync(new Uri(api, "/bench/database-calls"), cancellationToken);
        // 404: the API runs without its bench probe; CPU is still measured.
        return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<DatabaseCalls>(cancellationToken) : null;
    }

    /// <summary>utime + stime of one process (fields 14 and 15 of /proc/PID/stat), plus cutime + cstime when asked.</summary>
    internal static long? ProcessTicks(int pid, bool withChildren)
    {
        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return null;
        }
        var fields = AfterCommand(stat);
        // fields[0] is field 3 (state); utime is field 14 → index 11.
        var ticks = Field(fields, 14) + Field(fields, 15);
        return withChildren ? ticks + Field(fields, 16) + Field(fields, 17) : ticks;
    }

    /// <summary>The postmaster with its reaped children, plus every live child of it.</summary>
    internal static long? ClusterTicks(int postmasterPid)
    {
        if (ProcessTicks(postmasterPid, withChildren: true) is not { } total)
        {
            return null;
        }
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid) || pid == postmasterPid)
            {
                continue;
            }
            try
            {
                var fields = AfterCommand(File.ReadAllText(Path.Combine(directory, "stat")));
                if (Field(fields, 4) == postmasterPid)
                {
                    total += Field(fields, 14) + Field(fields, 15);
                }
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                // The process ended between listing and reading: its time is in the postmaster's cutime now.
            }
        }
        return total;
    }

    // The command name (field 2) is in parentheses and may contain spaces: split only what follows it.
    private static string[] AfterCommand(string stat) => stat[(stat.LastIndexOf(')') + 2)..].Split(' ');

    private static long Field(string[] afterCommand, int field) => long.Parse(afterCommand[field - 3], CultureInfo.InvariantCulture);

    internal static double TicksToMilliseconds(long ticks) => ticks * MillisecondsPerTick;
}

/// <summary>The API's counters (AgentLocator.Api Infrastructure/Bench/DatabaseCallCounter.cs).</summary>
public sealed record DatabaseCalls(long Checkouts, long Commands, long Commits);

public sealed record CostSample(long? ApiTicks, long? PostgresTicks, DatabaseCalls? Calls);

/// <summary>Totals over a measured window; divided by its requests in the report.</summary>
public sealed record CostDelta(double? ApiCpuMilliseconds, double? PostgresCpuMilliseconds, long? Checkouts, long? RoundTrips)
{
    public static CostDelta Between(CostSample before, CostSample after) => new(
        before.ApiTicks is { } a0 && after.ApiTicks is { } a1 ? CostMeter.TicksToMilliseconds(a1 - a0) : null,
        before.PostgresTicks is { } p0 && after.PostgresTicks is { } p1 ? CostMeter.TicksToMilliseconds(p1 - p0) : null,
        before.Calls is { } c0 && after.Calls is { } c1 ? c1.Checkouts - c0.Checkouts : null,
        // One round trip per command and per commit (BEGIN is sent with the transaction's first command).
        before.Calls is { } d0 && after.Calls is { } d1 ? d1.Commands - d0.Commands + d1.Commits - d0.Commits : null);
}
