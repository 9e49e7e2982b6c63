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
    string? OutputPath)
{
    public const string Usage =
        "usage: AgentLocator.Bench [--api-url http://127.0.0.1:PORT] [--warmup 3] [--duration 10] [--concurrency 32]\n" +
        "                          [--scenarios alive,login,me] [--out results.md]\n" +
        "The ceiling (bare Kestrel) always runs first: every other scenario is reported as a ratio to it.";

    public static BenchOptions Parse(IReadOnlyList<string> args)
    {
        Uri? api = null;
        double warmUp = 3, duration = 10;
        int concurrency = 32;
        string? output = null;
        IReadOnlyList<string> scenarios = ScenarioCatalog.DefaultNames;

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
                default: throw new ArgumentException($"Unknown argument '{args[i]}'.\n{Usage}");
            }
        }

        // The bench must never load anything but this machine.
        if (api is not null && !IsLoopback(api))
        {
            throw new ArgumentException($"--api-url must point at 127.0.0.1 or localhost, not {api.Host}.");
        }
        return new BenchOptions(api, TimeSpan.FromSeconds(warmUp), TimeSpan.FromSeconds(duration), concurrency, scenarios, output);
    }

    private static double Bounded(string text, string name, double min, double max)
    {
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            throw new ArgumentException($"{name} must be a number from {min} to {max}, not '{text}'.");
        }
        return value;
    }

    private static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || (IPAddress.TryParse(uri.Host, out var address) && IPAddress.IsLoopback(address));
}
