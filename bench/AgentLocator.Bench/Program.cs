using AgentLocator.Bench;

BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (Exception invalid) when (invalid is ArgumentException or UriFormatException)
{
    Console.Error.WriteLine(invalid.Message);
    return 2;
}

var unknown = options.ScenarioNames
    .Where(name => ScenarioCatalog.All.All(scenario => scenario.Name != name) && !AlertScenarios.IsAlertScenario(name) && !CallScenarios.IsRunnerScenario(name))
    .ToList();
if (unknown.Count > 0)
{
    Console.Error.WriteLine($"Unknown scenario(s): {string.Join(", ", unknown)}. Known: {string.Join(", ", ScenarioCatalog.All.Select(s => s.Name).Concat(CallScenarios.RunnerNames).Concat(AlertScenarios.Names))}.");
    return 2;
}
// The alert scenarios are not closed-loop HTTP: they run after the others, with their own report (AlertScenarios.cs).
// Nor are call-recording and call-turn: they are count-based, after the closed-loop ones (CallScenarios.cs).
var alertNames = options.ScenarioNames.Where(AlertScenarios.IsAlertScenario).ToList();
var callNames = options.ScenarioNames.Where(CallScenarios.IsRunnerScenario).ToList();
var httpNames = options.ScenarioNames.Where(name => !AlertScenarios.IsAlertScenario(name) && !CallScenarios.IsRunnerScenario(name)).ToList();
// The ceiling runs first whenever an HTTP scenario does: every ratio in the report is relative to it.
var selected = httpNames.Count == 0 && alertNames.Count + callNames.Count > 0
    ? []
    : ScenarioCatalog.All.Where(scenario => scenario.Name == ScenarioCatalog.CeilingName || httpNames.Contains(scenario.Name)).ToList();
if (options.ApiBaseUri is null && (selected.Any(scenario => scenario.NeedsApi) || alertNames.Count + callNames.Count > 0))
{
    Console.Error.WriteLine($"--api-url is required for: {string.Join(", ", selected.Where(s => s.NeedsApi).Select(s => s.Name).Concat(callNames).Concat(alertNames))}.\n{BenchOptions.Usage}");
    return 2;
}

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, press) => { press.Cancel = true; cancel.Cancel(); };

using var client = new HttpClient(new SocketsHttpHandler
{
    MaxConnectionsPerServer = options.Concurrency,
    PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
    // Sign-in sets a refresh cookie; replaying it would make later requests differ from the first.
    UseCookies = false,
    AllowAutoRedirect = false,
})
{
    Timeout = TimeSpan.FromSeconds(30),
};

await using var ceiling = await CeilingServer.StartAsync(cancel.Token);
var context = new ScenarioContext(client, ceiling.BaseUri, options.ApiBaseUri, options.Calls);
// A separate client for the cost probes, so reading them never waits behind the load's connections.
using var probeClient = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
var cost = new CostMeter(probeClient, options.ApiBaseUri, options.ApiPid, options.PostmasterPid);
var load = new LoadGenerator(client, options.Concurrency, options.WarmUp, options.Duration, cost);
var openLoop = new FixedRateLoad(client, options.WarmUp, options.Duration, cost);
var plans = new List<string>();

var results = new List<ScenarioResult>();
foreach (var scenario in selected)
{
    Console.Error.WriteLine($"[bench] {scenario.Label}: warm-up {options.WarmUp.TotalSeconds:0.#} s, measuring {options.Duration.TotalSeconds:0.#} s at concurrency {options.Concurrency}");
    Console.Error.WriteLine($"[bench]   API and Postgres before it: {await cost.SettleAsync(cancel.Token)}");
    var newRequest = await scenario.PrepareAsync(context, cancel.Token);
    var result = await load.RunAsync(scenario, newRequest, cancel.Token);
    Console.Error.WriteLine($"[bench]   {result.RequestsPerSecond:0} req/s, p99 {result.P99Milliseconds:0.00} ms, {result.NonSuccessCount} non-2xx, {result.FailureCount} errors");
    results.Add(result);
    if (scenario.Name == CrmScenarios.NameSearch && options.ApiBaseUri is not null && !cancel.IsCancellationRequested)
    {
        plans.Add(await SearchPlan.ReadAsync(probeClient, options.ApiBaseUri, cancel.Token));
    }
    // --rate runs every scenario open loop as well; else only those with a rate of their own (call-incoming).
    if ((options.Rate ?? scenario.FixedRate) is { } defaultRate && !cancel.IsCancellationRequested)
    {
        var rate = options.Rate ?? options.FixedRate ?? defaultRate;
        var atRate = scenario with { Label = $"{scenario.Label}, {rate:0}/s fixed rate" };
        Console.Error.WriteLine($"[bench] {atRate.Label}: warm-up {options.WarmUp.TotalSeconds:0.#} s, measuring {options.Duration.TotalSeconds:0.#} s, open loop");
        Console.Error.WriteLine($"[bench]   API and Postgres before it: {await cost.SettleAsync(cancel.Token)}");
        var opened = await openLoop.RunAsync(atRate, newRequest, rate, cancel.Token);
        Console.Error.WriteLine($"[bench]   p50 {opened.P50Milliseconds:0.00} ms, p99 {opened.P99Milliseconds:0.00} ms, {opened.NonSuccessCount} non-2xx, {opened.FailureCount} errors");
        results.Add(opened);
    }
    if (cancel.IsCancellationRequested)
    {
        break;
    }
}

var callResults = new List<CallResult>();
if (callNames.Count > 0 && !cancel.IsCancellationRequested)
{
    try
    {
        callResults = await CallScenarios.RunAsync(client, options.ApiBaseUri!, options, callNames, cost, cancel.Token);
    }
    catch (ArgumentException invalid)
    {
        Console.Error.WriteLine(invalid.Message);
        return 2;
    }
}

var alertResults = new List<AlertResult>();
if (alertNames.Count > 0 && !cancel.IsCancellationRequested)
{
    try
    {
        alertResults = await AlertScenarios.RunAsync(options.ApiBaseUri!, options.Alerts, alertNames, cancel.Token);
    }
    catch (ArgumentException invalid)
    {
        Console.Error.WriteLine(invalid.Message);
        return 2;
    }
}

var sections = new List<string>();
if (results.Count > 0)
{
    sections.Add(ReportPrinter.Render(options, results));
}
sections.AddRange(plans);
if (CallReport.HasAny(results, callResults))
{
    sections.Add(CallReport.Render(options, results, callResults));
}
if (alertResults.Count > 0)
{
    sections.Add(AlertScenarios.Render(alertResults));
}
var report = string.Join(Environment.NewLine, sections);
Console.WriteLine(report);
if (options.OutputPath is not null)
{
    await File.WriteAllTextAsync(options.OutputPath, report, CancellationToken.None);
}
// Failed requests make the run fail, so a script or CI job cannot mistake them for a result.
// So do alerts missing, duplicated or sent to the wrong agent (alert latency is reported, not asserted).
return results.Any(result => result.HasErrors) || callResults.Any(result => result.HasErrors) || alertResults.Any(result => !result.Passed) ? 1 : 0;
