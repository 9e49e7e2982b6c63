using System.Collections.Concurrent;
using System.Globalization;
using System.Text.RegularExpressions;

namespace AgentLocator.AppHost.Hosting;

/// <summary>
/// tests/AgentLocator.FakeProviders run on their own: fake OpenAI and Google (token and Text-to-Speech) on one
/// port. Standalone, the fake prints the variables that point an API at it as <c>export NAME='value'</c> lines,
/// and the Google key file it writes sits in a fresh temp folder only it knows, so those variables are taken
/// from its output rather than predicted.
/// </summary>
internal sealed partial class FakeAiResource : IWaitTarget
{
    /// <summary>What the API needs. With Twilio credentials the fake also prints TWILIO_*; the AppHost does not pass them.</summary>
    public static readonly IReadOnlyList<string> ApiVariables =
        ["OPENAI_API_KEY", "OPENAI_BASE_URL", "GOOGLE_APPLICATION_CREDENTIALS", "Google__TextToSpeechEndpoint"];

    private readonly ConcurrentDictionary<string, string> _printed = new(StringComparer.Ordinal);

    public FakeAiResource(ProjectResource project)
    {
        Project = project;
        // Captured as the lines arrive: the log buffer is bounded, and request logging would push them out of it.
        project.Logs.Appended += Capture;
    }

    public ProjectResource Project { get; }

    public string Name => Project.Name;

    public Resource WaitTarget => Project;

    public bool HasPrintedApiVariables => ApiVariables.All(_printed.ContainsKey);

    /// <summary>The latest value the fake printed; read when the API starts, after the fake is healthy.</summary>
    public string GetVariable(string variable) =>
        _printed.TryGetValue(variable, out var value)
            ? value
            : throw new InvalidOperationException($"{Name} has not printed {variable} yet; it must be healthy before the API starts");

    internal async Task<HealthResult> CheckHealthAsync(CancellationToken cancellationToken)
    {
        var http = await HealthChecks.HttpGetAsync(Project.HttpEndpoint.Url + "/_fake/requests", cancellationToken);
        // Kestrel answers a moment before the fake prints its settings; the API must not start in between.
        return !http.IsHealthy || HasPrintedApiVariables ? http : HealthResult.Unhealthy("listening, settings not printed yet");
    }

    private void Capture(LogLine line)
    {
        if (line.Stream == LogStream.Out && ExportLine().Match(line.Text) is { Success: true } match)
        {
            _printed[match.Groups[1].Value] = match.Groups[2].Value;
        }
    }

    [GeneratedRegex(@"^export ([A-Za-z_][A-Za-z0-9_]*)='([^']*)'$")]
    private static partial Regex ExportLine();
}

/// <summary>The Program.cs verbs for the fake AI providers.</summary>
internal static class FakeAiBuilderExtensions
{
    /// <param name="project">The FakeProviders project folder, relative to the repo root.</param>
    public static IResourceBuilder<FakeAiResource> AddFakeAi(this DistributedApplicationBuilder builder, string name, string project)
    {
        var process = builder.AddProject(name, project)
            .WithUrl("Requests the fakes received", "/_fake/requests");
        // Its standalone Main listens where --port says and ignores ASPNETCORE_URLS.
        process.WithArgs("--port", process.Resource.HttpEndpoint.Port.ToString(CultureInfo.InvariantCulture));
        // Its standalone Main waits for Ctrl+C (SIGINT) and hangs on SIGTERM; it keeps nothing worth a long wait.
        process.Resource.StopSignal = Posix.SigInt;
        process.Resource.StopTimeout = TimeSpan.FromSeconds(5);
        var fake = new FakeAiResource(process.Resource);
        process.Resource.HealthCheck = fake.CheckHealthAsync;
        return new ResourceBuilder<FakeAiResource>(builder, fake);
    }

    /// <summary>Injects OPENAI_API_KEY, OPENAI_BASE_URL, GOOGLE_APPLICATION_CREDENTIALS and Google__TextToSpeechEndpoint.</summary>
    public static IResourceBuilder<T> WithReference<T>(this IResourceBuilder<T> builder, IResourceBuilder<FakeAiResource> fakeAi)
        where T : Resource
    {
        foreach (var variable in FakeAiResource.ApiVariables)
        {
            builder.Resource.SetEnvironment(variable, () => fakeAi.Resource.GetVariable(variable));
        }

        return builder;
    }
}
