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
    .Where(name => ScenarioCatalog.All.All(scenario => scenario.Name != name) && !AlertScenarios.IsAlertScenario(name)).ToList();
if (unknown.Count > 0)
{
    Console.Error.WriteLine($"Unknown scenario(s): {string.Join(", ", unknown)}. Known: {string.Join(", ", ScenarioCatalog.All.Select(s => s.Name).Concat(AlertScenarios.Names))}.");
    return 2;
}
// The alert scenarios are not closed-loop HTTP: they run after the others, with their own report (AlertScenarios.cs).
var alertNames = options.ScenarioNames.Where(AlertScenarios.IsAlertScenario).ToList();
var httpNames = options.ScenarioNames.Where(name => !AlertScenarios.IsAlertScenario(name)).ToList();
// The ceiling runs first whenever an HTTP scenario does: every ratio in the report is relative to it.
var selected = httpNames.Count == 0 && alertNames.Count > 0
    ? []
    : ScenarioCatalog.All.Where(scenario => scenario.Name == ScenarioCatalog.CeilingName || httpNames.Contains(scenario.Name)).ToList();
if (options.ApiBaseUri is null && (selected.Any(scenario => scenario.NeedsApi) || alertNames.Count > 0))
{
    Console.Error.WriteLine($"--api-url is required for: {string.Join(", ", selected.Where(s => s.NeedsApi).Select(s => s.Name).Concat(alertNames))}.\n{BenchOptions.Usage}");
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
var context = new ScenarioContext(client, ceiling.BaseUri, options.ApiBaseUri);
var load = new LoadGenerator(client, options.Concurrency, options.WarmUp, options.Duration);

var results = new List<ScenarioResult>();
foreach (var scenario in selected)
{
    Console.Error.WriteLine($"[bench] {scenario.Label}: warm-up {options.WarmUp.TotalSeconds:0.#} s, measuring {options.Duration.TotalSeconds:0.#} s at concurrency {options.Concurrency}");
    var newRequest = await scenario.PrepareAsync(context, cancel.Token);
    var result = await load.RunAsync(scenario, newRequest, cancel.Token);
    Console.Error.WriteLine($"[bench]   {result.RequestsPerSecond:0} req/s, p99 {result.P99Milliseconds:0.00} ms, {result.NonSuccessCount} non-2xx, {result.FailureCount} errors");
    results.Add(result);
    if (cancel.IsCancellationRequested)
    {
        break;
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

var report = (results.Count > 0 ? ReportPrinter.Render(options, results) : "")
    + (results.Count > 0 && alertResults.Count > 0 ? Environment.NewLine : "")
    + (alertResults.Count > 0 ? AlertScenarios.Render(alertResults) : "");
Console.WriteLine(report);
if (options.OutputPath is not null)
{
    await File.WriteAllTextAsync(options.OutputPath, report, CancellationToken.None);
}
// Failed requests make the run fail, so a script or CI job cannot mistake them for a result.
// So do alerts missing, duplicated or sent to the wrong agent (alert latency is reported, not asserted).
return results.Any(result => result.HasErrors) || alertResults.Any(result => !result.Passed) ? 1 : 0;
