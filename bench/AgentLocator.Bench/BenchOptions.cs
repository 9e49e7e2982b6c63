using System.Globalization;
using System.Net;

namespace AgentLocator.Bench;

/// <summary>Command-line settings; every limit is bounded so a run always ends by itself.</summary>
public sealed record BenchOptions(
    Uri? ApiBaseUri,
    TimeSpan WarmUp,
    TimeSpan Duration,
    int Concurrency,
    IReadOnlyList<string> ScenarioNames,
    string? OutputPath,
    AlertOptions Alerts,
    CallOptions Calls,
    double? FixedRate = null,
    double? Rate = null,
    int? ApiPid = null,
    int? PostmasterPid = null)
{
    public const string Usage =
        "usage: AgentLocator.Bench [--api-url http://127.0.0.1:PORT] [--warmup 3] [--duration 10] [--concurrency 32]\n" +
        "                          [--scenarios alive,login,me] [--out results.md]\n" +
        "                          [--fixed-rate N: the open-loop rate of scenarios that have one (call-incoming: 200/s)]\n" +
        "                          [--rate N: every scenario also runs open loop at N requests/s]\n" +
        "                          [--api-pid PID (default $API_PID)] [--pg-pid POSTMASTER_PID (default $BENCH_PG_PID)]: cost per request\n" +
        "Alert scenarios (alerts-latency, alerts-10k, alerts-1000-agents) also take:\n" +
        "  [--db <npgsql, default $ConnectionStrings__agentlocator>] [--jwt-secret <default: the API's Development key>]\n" +
        "  [--alert-tasks 200] [--alert-burst 10000] [--alert-burst-agents 10] [--alert-burst-lead 180] [--alert-agents 1000]\n" +
        "Call scenarios (call-incoming, call-recording, call-turn) also take:\n" +
        "  [--call-count 1000] [--public-host <default $PUBLIC_HOST, else the API's Development http://localhost:5173>]\n" +
        "  [--twilio-token <default $TWILIO_TOKEN, else the API's Development token>] [--fakes-url <default $BENCH_FAKES_URL>]\n" +
        "The ceiling (bare Kestrel) runs first whenever an HTTP scenario does: each is reported as a ratio to it.";

    public static BenchOptions Parse(IReadOnlyList<string> args)
    {
        Uri? api = null;
        double warmUp = 3, duration = 10;
        int concurrency = 32;
        string? output = null;
        double? fixedRate = null, rate = null;
        int? apiPid = Pid(Environment.GetEnvironmentVariable("API_PID")), postmasterPid = Pid(Environment.GetEnvironmentVariable("BENCH_PG_PID"));
        IReadOnlyList<string> scenarios = ScenarioCatalog.DefaultNames;
        var alerts = AlertOptions.Default;
        var calls = CallOptions.FromEnvironment(Environment.GetEnvironmentVariable);

        for (var i = 0; i < args.Count; i++)
        {
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.\n{Usage}");
            switch (args[i])
            {
                case "--api-url": api = new Uri(Value()); break;
                case "--warmup": warmUp = Bounded(Value(), "--warmup", 0, 120); break;
                case "--duration": duration = Bounded(Value(), "--duration", 1, 600); break;
                case "--concurrency": concurrency = (int)Bounded(Value(), "--concurrency", 1, 1024); break;
                case "--scenarios": scenarios = Value().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries); break;
                case "--out": output = Value(); break;
                case "--fixed-rate": fixedRate = Bounded(Value(), "--fixed-rate", 1, 10_000); break;
                case "--rate": rate = Bounded(Value(), "--rate", 1, 100_000); break;
                case "--api-pid": apiPid = (int)Bounded(Value(), "--api-pid", 1, int.MaxValue); break;
                case "--pg-pid": postmasterPid = (int)Bounded(Value(), "--pg-pid", 1, int.MaxValue); break;
                case "--db": alerts = alerts with { ConnectionString = Value() }; break;
                case "--jwt-secret": alerts = alerts with { JwtSecret = Value() }; break;
                case "--alert-tasks": alerts = alerts with { LatencyTasks = (int)Bounded(Value(), "--alert-tasks", 1, 2_000) }; break;
                case "--alert-burst": alerts = alerts with { BurstTasks = (int)Bounded(Value(), "--alert-burst", 1, 20_000) }; break;
                case "--alert-burst-agents": alerts = alerts with { BurstAgents = (int)Bounded(Value(), "--alert-burst-agents", 1, 100) }; break;
                case "--alert-burst-lead": alerts = alerts with { BurstLead = TimeSpan.FromSeconds(Bounded(Value(), "--alert-burst-lead", 30, 900)) }; break;
                case "--alert-agents": alerts = alerts with { Agents = (int)Bounded(Value(), "--alert-agents", 1, 2_000) }; break;
                case "--call-count": calls = calls with { Count = (int)Bounded(Value(), "--call-count", 1, 100_000) }; break;
                case "--public-host": calls = calls with { PublicHost = Value().TrimEnd('/') }; break;
                case "--twilio-token": calls = calls with { AuthToken = Value() }; break;
                case "--fakes-url": calls = calls with { FakesUrl = new Uri(Value()) }; break;
                default: throw new ArgumentException($"Unknown argument '{args[i]}'.\n{Usage}");
            }
        }

        // The bench must never load anything but this machine.
        if (api is not null && !IsLoopback(api))
        {
            throw new ArgumentException($"--api-url must point at 127.0.0.1 or localhost, not {api.Host}.");
        }
        if (calls.FakesUrl is { } fakes && !IsLoopback(fakes))
        {
            throw new ArgumentException($"--fakes-url must point at 127.0.0.1 or localhost, not {fakes.Host}.");
        }
        alerts = alerts with { ConnectionString = alerts.ConnectionString ?? Environment.GetEnvironmentVariable("ConnectionStrings__agentlocator") };
        return new BenchOptions(api, TimeSpan.FromSeconds(warmUp), TimeSpan.FromSeconds(duration), concurrency, scenarios, output, alerts, calls, fixedRate,
            rate, apiPid, postmasterPid);
    }

    private static int? Pid(string? text) => int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && pid > 0 ? pid : null;

    private static double Bounded(string text, string name, double min, double max)
    {
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            throw new ArgumentException($"{name} must be a number from {min} to {max}, not '{text}'.");
        }
        return value;
    }

    internal static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || (IPAddress.TryParse(uri.Host, out var address) && IPAddress.IsLoopback(address));
}

/// <summary>Sizes of the alert scenarios (<see cref="AlertScenarios"/>), each bounded by the parser.</summary>
public sealed record AlertOptions(
    string? ConnectionString,
    string JwtSecret,
    int LatencyTasks,
    int BurstTasks,
    int BurstAgents,
    TimeSpan BurstLead,
    int Agents)
{
    /// <summary>The key the API signs with in Development (its RequiredSettings defaults); only a loopback API is benched.</summary>
    public const string DevelopmentJwtSecret = "agentlocator-development-signing-key-not-for-production";

    public static AlertOptions Default { get; } =
        new(null, DevelopmentJwtSecret, LatencyTasks: 200, BurstTasks: 10_000, BurstAgents: 10, BurstLead: TimeSpan.FromSeconds(180), Agents: 1_000);
}

/// <summary>
/// How the call scenarios play Twilio (<see cref="CallScenarios"/>): how many calls the count-based ones make, the
/// URL and token requests are signed with (the API's PUBLIC_HOST and TWILIO_TOKEN), and the fake providers serving
/// the caller's recording (null: started in the bench process).
/// </summary>
public sealed record CallOptions(int Count, string PublicHost, string AuthToken, Uri? FakesUrl)
{
    /// <summary>The API's PUBLIC_HOST in Development when none is set (its DevelopmentDefaults).</summary>
    public const string DevelopmentPublicHost = "http://localhost:5173";

    public static CallOptions FromEnvironment(Func<string, string?> environment) => new(
        Count: 1_000,
        PublicHost: (environment("PUBLIC_HOST") is { Length: > 0 } host ? host : DevelopmentPublicHost).TrimEnd('/'),
        AuthToken: environment("TWILIO_TOKEN") is { Length: > 0 } token ? token : AgentLocator.CallSimulator.SimulationOptions.DevelopmentToken,
        FakesUrl: environment("BENCH_FAKES_URL") is { Length: > 0 } fakes ? new Uri(fakes) : null);
}
