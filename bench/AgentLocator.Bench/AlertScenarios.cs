using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace AgentLocator.Bench;

/// <summary>
/// The task-alert scenarios, measured end to end with real SignalR clients: tasks are created over HTTP, the API's
/// grains fire them, and the bench times each <c>task:due</c> against its <c>reminderAt</c> (same wall clock).
/// Correctness (every alert exactly once, on its assignee's connection only) fails the run; latency is reported.
/// </summary>
public static class AlertScenarios
{
    public const string Latency = "alerts-latency";
    public const string Burst = "alerts-10k";
    public const string ManyAgents = "alerts-1000-agents";

    public static IReadOnlyList<string> Names { get; } = [Latency, Burst, ManyAgents];

    public static bool IsAlertScenario(string name) => Names.Contains(name);

    /// <summary>Creating tasks: as many requests in flight as the HTTP scenarios' default.</summary>
    private const int CreateConcurrency = 32;

    /// <summary>After the last alert, listen this long for duplicates: one sweep (15 s by default) and a little.</summary>
    internal static readonly TimeSpan DuplicateGrace = TimeSpan.FromSeconds(17);

    /// <summary>No scenario may run longer than this, whatever the sizes.</summary>
    private static readonly TimeSpan HardLimit = TimeSpan.FromMinutes(20);

    public static async Task<List<AlertResult>> RunAsync(Uri api, AlertOptions options, IReadOnlyList<string> names, CancellationToken cancellationToken)
    {
        await using var database = AlertDatabase.Open(options.ConnectionString);
        using var http = new HttpClient(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = CreateConcurrency,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            UseCookies = false,
        })
        {
            BaseAddress = api,
            Timeout = TimeSpan.FromSeconds(60),
        };
        var results = new List<AlertResult>();
        foreach (var name in Names.Where(names.Contains))
        {
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            limit.CancelAfter(HardLimit);
            var run = new AlertRun(name, api, http, database, options, limit.Token);
            AlertResult result;
            try
            {
                result = name switch
                {
                    Latency => await run.LatencyAsync(),
                    Burst => await run.BurstAsync(),
                    _ => await run.ManyAgentsAsync(),
                };
            }
            catch (Exception error) when (error is not OutOfMemoryException)
            {
                Console.Error.WriteLine($"[alerts] {name} failed: {error}");
                result = run.Failed(error);
            }
            Console.Error.WriteLine($"[alerts] {name}: {(result.Passed ? "passed" : "FAILED")} — {result.Summary}");
            results.Add(result);
            if (cancellationToken.IsCancellationRequested)
            {
                break;
            }
        }
        return results;
    }

    public static string Render(IReadOnlyList<AlertResult> results)
    {
        var text = new StringBuilder();
        text.AppendLine(Invariant($"Alerts, {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores. Latency = arrival of task:due at the client − its reminderAt."));
        text.AppendLine();
        text.AppendLine("| Scenario | tasks | conns | delivered | missing | dup | misrouted | p50 ms | p95 ms | p99 ms | max ms | DB delivered | result |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (var r in results)
        {
            text.AppendLine(Invariant(
                $"| {r.Name} | {r.Tasks} | {r.Connections} | {r.Delivered} | {r.Missing} | {r.Duplicates} | {r.Misrouted + r.Foreign} | {r.P50:0} | {r.P95:0} | {r.P99:0} | {r.Max:0} | {r.DbDelivered} | {(r.Passed ? "pass" : "**FAIL**")} |"));
        }
        foreach (var r in results)
        {
            text.AppendLine();
            text.AppendLine($"- **{r.Name}**: {r.Summary}");
            foreach (var note in r.Notes)
            {
                text.AppendLine($"  - {note}");
            }
        }
        return text.ToString();
    }

    internal static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

public sealed record AlertResult(
    string Name, bool Passed, string Summary, int Tasks, int Connections, int Delivered, int Missing, int Duplicates,
    int Misrouted, int Foreign, double P50, double P95, double P99, double Max, int DbDelivered, IReadOnlyList<string> Notes);

/// <summary>One scenario's run: plan, users, connections, tasks over HTTP, wait, then check and measure.</summary>
internal sealed class AlertRun(string name, Uri api, HttpClient http, AlertDatabase database, AlertOptions options, CancellationToken cancellationToken)
{
    private readonly List<string> notes = [];
    private readonly Stopwatch elapsed = Stopwatch.StartNew();

    private void Log(string message)
    {
        Console.Error.WriteLine(AlertScenarios.Invariant($"[alerts] {name} +{elapsed.Elapsed.TotalSeconds,6:F1} s: {message}"));
    }

    private void Note(string message)
    {
        notes.Add(message);
        Log(message);
    }

    public AlertResult Failed(Exception error) =>
        new(name, false, $"aborted: {error.GetType().Name}: {error.Message}", 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, notes);

    /// <summary>N tasks for one agent, due evenly over 60 s starting 20 s from now.</summary>
    public async Task<AlertResult> LatencyAsync()
    {
        var agents = await AgentsAsync("bench-lat", 1);
        await using var listeners = await ConnectAsync(agents);
        var customers = await CustomersAsync(agents[0], Math.Min(10, options.LatencyTasks));
        var count = options.LatencyTasks;
        var start = DateTimeOffset.UtcNow.AddSeconds(20);
        var plan = Enumerable.Range(0, count)
            .Select(i => new PlannedTask(agents[0], customers[i % customers.Count], start.AddMilliseconds(60_000.0 * i / count)))
            .ToList();
        var created = await CreateAsync(plan);
        var deadline = plan.Max(t => t.DueAt).AddSeconds(60);
        return await FinishAsync(agents, listeners, created, deadline, goalDeadline: null, $"{count} tasks for 1 agent due evenly over 60 s");
    }

    /// <summary>
    /// The whole burst due at the start of one minute — people set whole minutes, so this is the case that happens —
    /// across a few agents and 100 customers; the minute is the first whole one at least the lead from now.
    /// </summary>
    public async Task<AlertResult> BurstAsync()
    {
        var agents = await AgentsAsync("bench-burst", options.BurstAgents);
        await using var listeners = await ConnectAsync(agents);
        var customers = await CustomersAsync(agents[0], 100);
        var now = DateTimeOffset.UtcNow + options.BurstLead;
        var minute = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, TimeSpan.Zero).AddMinutes(1);
        Note(AlertScenarios.Invariant($"all {options.BurstTasks} tasks due at {minute:HH:mm:ss} UTC ({(minute - DateTimeOffset.UtcNow).TotalSeconds:0} s ahead), {agents.Count} agents, {customers.Count} customers"));
        var plan = Enumerable.Range(0, options.BurstTasks)
            .Select(i => new PlannedTask(agents[i % agents.Count], customers[i % customers.Count], minute))
            .ToList();
        var created = await CreateAsync(plan);
        var lateCreates = DateTimeOffset.UtcNow - minute;
        if (lateCreates > TimeSpan.Zero)
        {
            Note(AlertScenarios.Invariant($"INVALID RUN: creating the tasks ended {lateCreates.TotalSeconds:0} s after the minute began; raise --alert-burst-lead"));
        }
        return await FinishAsync(agents, listeners, created, minute.AddSeconds(120), goalDeadline: minute.AddSeconds(60),
            $"{options.BurstTasks} tasks due at one instant (a whole minute), {agents.Count} agents", invalid: lateCreates > TimeSpan.Zero);
    }

    /// <summary>One connection and one task per agent, due spread over 30 s once every task can be created.</summary>
    public async Task<AlertResult> ManyAgentsAsync()
    {
        var agents = await AgentsAsync("bench-agent", options.Agents);
        var rssBefore = ApiMemoryMegabytes();
        await using var listeners = await ConnectAsync(agents);
        var rssAfter = ApiMemoryMegabytes();
        if (rssBefore is not null && rssAfter is not null)
        {
            Note(AlertScenarios.Invariant($"API resident memory {rssBefore:0} MB before the {agents.Count} connections, {rssAfter:0} MB after; bench process {Environment.WorkingSet / 1048576.0:0} MB"));
        }
        var customers = await CustomersAsync(agents[0], 100);
        // Creation runs at a few hundred tasks a second here; the first due time leaves it ample room.
        var start = DateTimeOffset.UtcNow.AddSeconds(20 + agents.Count / 50.0);
        var plan = agents.Select(agent => new PlannedTask(agent, customers[agent.Index % customers.Count],
                start.AddMilliseconds(30_000.0 * agent.Index / agents.Count)))
            .ToList();
        var created = await CreateAsync(plan);
        var deadline = plan.Max(t => t.DueAt).AddSeconds(60);
        return await FinishAsync(agents, listeners, created, deadline, goalDeadline: null, $"{agents.Count} agents, 1 task each, due over 30 s");
    }

    private async Task<IReadOnlyList<BenchAgent>> AgentsAsync(string prefix, int count)
    {
        var users = await database.EnsureUsersAsync(prefix, count, cancellationToken);
        var now = DateTimeOffset.UtcNow;
        return users.Select((u, i) => new BenchAgent(i, u.Id, u.BusinessId, u.Email, u.Name,
            BenchTokens.Mint(options.JwtSecret, u.Id, u.BusinessId, u.Email, u.Name, now))).ToList();
    }

    private async Task<AlertListeners> ConnectAsync(IReadOnlyList<BenchAgent> agents)
    {
        var listeners = new AlertListeners();
        var started = Stopwatch.StartNew();
        try
        {
            await listeners.ConnectAsync(api, agents, parallelism: 32, cancellationToken);
        }
        catch
        {
            await listeners.DisposeAsync();
            throw;
        }
        Note(AlertScenarios.Invariant($"{agents.Count} SignalR connection(s) (WebSockets, skip negotiation, minted tokens) up in {started.Elapsed.TotalSeconds:0.0} s"));
        return listeners;
    }

    private async Task<List<Guid>> CustomersAsync(BenchAgent agent, int count)
    {
        var ids = new Guid[count];
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken },
            async (i, ct) =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, "/api/crm/customers")
                {
                    Content = JsonContent.Create(new { name = $"Bench {name} customer {i + 1}" }),
                    Headers = { Authorization = new AuthenticationHeaderValue("Bearer", agent.Token) },
                };
                using var response = await http.SendAsync(request, ct);
                if (response.StatusCode != HttpStatusCode.Created)
                {
                    throw new InvalidOperationException($"POST /api/crm/customers answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(ct)}");
                }
                ids[i] = (await response.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("id").GetGuid();
            });
        return [.. ids];
    }

    private async Task<Dictionary<Guid, CreatedTask>> CreateAsync(IReadOnlyList<PlannedTask> plan)
    {
        var created = new System.Collections.Concurrent.ConcurrentDictionary<Guid, CreatedTask>();
        var failures = new System.Collections.Concurrent.ConcurrentDictionary<string, int>();
        var latencies = new double[plan.Count];
        var afterDue = 0;
        var started = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, plan.Count),
            new ParallelOptions { MaxDegreeOfParallelism = 32, CancellationToken = cancellationToken }, async (i, ct) =>
            {
                var task = plan[i];
                var sent = Stopwatch.GetTimestamp();
                try
                {
                    using var request = new HttpRequestMessage(HttpMethod.Post, "/api/tasks")
                    {
                        Content = JsonContent.Create(new
                        {
                            customer_id = task.CustomerId,
                            title = $"Bench {name} {i + 1}",
                            due_at = AlertListeners.Iso(task.DueAt),
                            assignee = task.Agent.Id,
                        }),
                        Headers = { Authorization = new AuthenticationHeaderValue("Bearer", task.Agent.Token) },
                    };
                    using var response = await http.SendAsync(request, ct);
                    latencies[i] = Stopwatch.GetElapsedTime(sent).TotalMilliseconds;
                    if (response.StatusCode != HttpStatusCode.Created)
                    {
                        failures.AddOrUpdate($"HTTP {(int)response.StatusCode}", 1, (_, n) => n + 1);
                        return;
                    }
                    var body = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
                    var id = body.GetProperty("id").GetGuid();
                    var remindAt = body.GetProperty("remindAt").GetDateTimeOffset();
                    if (DateTimeOffset.UtcNow > remindAt)
                    {
                        Interlocked.Increment(ref afterDue);
                    }
                    created[id] = new CreatedTask(id, task.Agent, remindAt);
                }
                catch (Exception error) when (error is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
                {
                    failures.AddOrUpdate(error.GetType().Name, 1, (_, n) => n + 1);
                }
            });
        Array.Sort(latencies);
        Note(AlertScenarios.Invariant(
            $"created {created.Count}/{plan.Count} tasks over HTTP in {started.Elapsed.TotalSeconds:0.0} s ({created.Count / started.Elapsed.TotalSeconds:0} tasks/s at concurrency 32; POST p50 {Percentile(latencies, 0.50):0} ms, p99 {Percentile(latencies, 0.99):0} ms)"));
        if (!failures.IsEmpty)
        {
            Note($"creation failures: {string.Join(", ", failures.Select(pair => $"{pair.Key} ×{pair.Value}"))}");
        }
        if (afterDue > 0)
        {
            Note($"{afterDue} task(s) were created after their due time (they fire on creation; their latency includes the wait)");
        }
        return created.ToDictionary();
    }

    private async Task<AlertResult> FinishAsync(
        IReadOnlyList<BenchAgent> agents, AlertListeners listeners, Dictionary<Guid, CreatedTask> created, DateTimeOffset deadline,
        DateTimeOffset? goalDeadline, string shape, bool invalid = false)
    {
        var planned = created.Count;
        var ids = created.Keys.ToHashSet();
        var lastReport = DateTimeOffset.UtcNow;
        // Bounded by the deadline (and the scenario's hard limit through the token).
        while (DateTimeOffset.UtcNow < deadline && listeners.SeenOf(ids) < planned)
        {
            await Task.Delay(250, cancellationToken);
            if (DateTimeOffset.UtcNow - lastReport > TimeSpan.FromSeconds(10))
            {
                lastReport = DateTimeOffset.UtcNow;
                Log($"{listeners.SeenOf(ids)}/{planned} delivered");
            }
        }
        Log($"{listeners.SeenOf(ids)}/{planned} delivered; listening {AlertScenarios.DuplicateGrace.TotalSeconds:0} s more for duplicates");
        await Task.Delay(AlertScenarios.DuplicateGrace, cancellationToken);

        var arrivals = listeners.Arrivals.ToList();
        var byTask = arrivals.Where(a => ids.Contains(a.TaskId)).GroupBy(a => a.TaskId).ToDictionary(g => g.Key, g => g.OrderBy(a => a.ArrivedAt).ToList());
        var foreign = arrivals.Count(a => !ids.Contains(a.TaskId));
        var misrouted = arrivals.Count(a => ids.Contains(a.TaskId)
            && (agents[a.ConnectionAgent].Id != created[a.TaskId].Agent.Id || a.AssigneeId != created[a.TaskId].Agent.Id));
        var duplicates = byTask.Values.Sum(list => list.Count - 1);
        var wrongReminder = byTask.Count(pair => pair.Value[0].ReminderAt != created[pair.Key].RemindAt);
        var delivered = byTask.Count;
        var missing = planned - delivered;
        var latencies = byTask.Values.Select(list => (list[0].ArrivedAt - list[0].ReminderAt).TotalMilliseconds).Order().ToArray();
        var disconnected = Math.Max(0, listeners.Closed);

        var rows = await database.ReadAlertsAsync(ids, cancellationToken);
        var dbDelivered = rows.Count(r => r.DeliveredAt is not null);
        var claimLag = rows.Select(r => (r.ClaimedAt - r.ReminderAt).TotalMilliseconds).Order().ToArray();
        var deliverLag = rows.Where(r => r.DeliveredAt is not null).Select(r => (r.DeliveredAt!.Value - r.ReminderAt).TotalMilliseconds).Order().ToArray();
        Note(AlertScenarios.Invariant(
            $"task_alerts: {rows.Count} rows, {dbDelivered} delivered; claimed_at − reminder_at p50 {Percentile(claimLag, 0.5):0} / p99 {Percentile(claimLag, 0.99):0} / max {Percentile(claimLag, 1):0} ms; delivered_at − reminder_at p50 {Percentile(deliverLag, 0.5):0} / p99 {Percentile(deliverLag, 0.99):0} / max {Percentile(deliverLag, 1):0} ms"));
        if (goalDeadline is { } goal)
        {
            var withinGoal = byTask.Values.Count(list => list[0].ArrivedAt <= goal);
            var last = byTask.Count > 0 ? byTask.Values.Max(list => list[0].ArrivedAt) : default;
            Note(AlertScenarios.Invariant(
                $"delivered within 60 s of the minute: {withinGoal}/{planned} ({(withinGoal == planned ? "goal met" : "GOAL MISSED")}); last arrival {(last - goal.AddSeconds(-60)).TotalSeconds:0.0} s after the minute began"));
            var curve = new[] { 1, 2, 5, 10, 15, 20, 30, 45, 60, 90, 120 }
                .Select(s => AlertScenarios.Invariant($"{s} s: {byTask.Values.Count(list => list[0].ArrivedAt <= goal.AddSeconds(s - 60))}"));
            Note($"delivered by (seconds after the minute began) — {string.Join(", ", curve)}");
        }
        if (wrongReminder > 0)
        {
            Note($"{wrongReminder} alert(s) carried a reminderAt other than the task's remindAt");
        }
        if (disconnected > 0 || listeners.Unreadable > 0)
        {
            Note($"{disconnected} connection(s) closed by the server during the run; {listeners.Unreadable} unreadable task:due message(s)");
        }
        if (latencies.Length > 0 && latencies[0] < -200)
        {
            Note(AlertScenarios.Invariant($"earliest alert arrived {-latencies[0]:0} ms before its reminderAt"));
        }

        var passed = !invalid && created.Count > 0 && missing == 0 && duplicates == 0 && misrouted == 0 && foreign == 0
            && dbDelivered == planned && rows.Count == planned && listeners.Unreadable == 0 && wrongReminder == 0;
        var summary = AlertScenarios.Invariant(
            $"{shape}: {delivered}/{planned} delivered, {missing} missing, {duplicates} duplicate(s), {misrouted} misrouted, {foreign} foreign; latency p50 {Percentile(latencies, 0.5):0} ms, p95 {Percentile(latencies, 0.95):0} ms, p99 {Percentile(latencies, 0.99):0} ms, max {Percentile(latencies, 1):0} ms");
        return new AlertResult(name, passed, summary, planned, agents.Count, delivered, missing, duplicates, misrouted, foreign,
            Percentile(latencies, 0.5), Percentile(latencies, 0.95), Percentile(latencies, 0.99), Percentile(latencies, 1), dbDelivered, notes);
    }

    /// <summary>Nearest rank, as the HTTP scenarios read theirs; NaN for none.</summary>
    private static double Percentile(double[] sorted, double quantile) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(quantile * sorted.Length) - 1, 0, sorted.Length - 1)];

    /// <summary>The API's resident set when run.sh says which process it is (API_PID); null otherwise.</summary>
    private static double? ApiMemoryMegabytes()
    {
        if (!int.TryParse(Environment.GetEnvironmentVariable("API_PID"), out var pid))
        {
            return null;
        }
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            return line is null ? null : double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
        }
        catch (IOException)
        {
            return null;
        }
    }

    private sealed record PlannedTask(BenchAgent Agent, Guid CustomerId, DateTimeOffset DueAt);

    private sealed record CreatedTask(Guid Id, BenchAgent Agent, DateTimeOffset RemindAt);
}
