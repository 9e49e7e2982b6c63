namespace AgentLocator.AppHost.Hosting;

/// <summary>
/// The api's "Simulate a call" command: runs tools/AgentLocator.CallSimulator (a console app playing Twilio)
/// against the running API as a child process, with the same public host and Twilio token the API was given,
/// so its signed webhooks pass the API's signature check. The simulator's output goes to the api's log, where
/// the developer sees it next to the API's own lines for the same requests.
/// </summary>
internal sealed class CallSimulatorCommand(ProjectResource api, string projectFile)
{
    /// <summary>The API's Development default for Twilio:AuthToken (DevelopmentDefaults in AgentLocator.Api).</summary>
    public const string DevelopmentTwilioToken = "development-twilio-token";

    private const string LinePrefix = "[simulate-call] ";

    // The AppHost's own launch settings must not make the simulator's recording server listen elsewhere.
    private static readonly string[] InheritedUrlVariables =
        ["ASPNETCORE_URLS", "ASPNETCORE_HTTP_PORTS", "ASPNETCORE_HTTPS_PORTS", "HTTP_PORTS", "HTTPS_PORTS", "DOTNET_LAUNCH_PROFILE"];

    /// <summary>
    /// The token the API will check signatures with: what the developer exported (the .NET key wins, as in the
    /// API's configuration), else the API's Development default. The AppHost hands it to both sides.
    /// </summary>
    public static string TwilioToken(Func<string, string?> environment) =>
        NonEmpty(environment("Twilio__AuthToken")) ?? NonEmpty(environment("TWILIO_TOKEN")) ?? DevelopmentTwilioToken;

    /// <summary>What the signatures are computed over: the API's PUBLIC_HOST when the AppHost gave it one.</summary>
    public string PublicHost => NonEmpty(api.GetEnvironmentValue("PUBLIC_HOST")) ?? api.HttpEndpoint.BrowserUrl;

    public string Token => NonEmpty(api.GetEnvironmentValue("TWILIO_TOKEN")) ?? TwilioToken(Environment.GetEnvironmentVariable);

    /// <summary>Arguments after <c>dotnet &lt;assembly&gt;</c>. The token travels in the environment, not here:
    /// a command line is readable by every user of the machine (ps) and is easily pasted into a log.</summary>
    public IReadOnlyList<string> Arguments => ["--api", api.HttpEndpoint.Url, "--public-host", PublicHost, "--speed", "0"];

    public async Task<ExecuteCommandResult> ExecuteAsync(ExecuteCommandContext context)
    {
        if (api.State is not (ResourceState.Healthy or ResourceState.Running))
        {
            return ExecuteCommandResult.Failed($"{api.Name} is {api.State.ToString().ToLowerInvariant()}; start it first");
        }

        var assembly = await EnsureBuiltAsync(context.CancellationToken);
        api.Log($"{LinePrefix}dotnet {Path.GetFileName(assembly)} {string.Join(' ', Arguments)} (TWILIO_TOKEN in its environment)");
        var run = await CommandRunner.RunAsync(
            new LaunchSpec("dotnet", [assembly, .. Arguments], Path.GetDirectoryName(projectFile)!)
            {
                Environment = new Dictionary<string, string> { ["TWILIO_TOKEN"] = Token, ["DOTNET_NOLOGO"] = "1" },
                RemoveEnvironment = InheritedUrlVariables,
            },
            (stream, line) => api.Logs.Add(stream, LinePrefix + line),
            context.CancellationToken);

        return run.Succeeded
            ? ExecuteCommandResult.Succeeded($"the call went through; the conversation is in {api.Name}'s log (exit code 0)")
            : ExecuteCommandResult.Failed($"the call simulator exited with code {run.ExitCode}: {LastWords(run.Output)} (the whole run is in {api.Name}'s log)");
    }

    /// <summary>Built on first use only: a build takes seconds, and the simulator rarely changes while the AppHost runs.</summary>
    private async Task<string> EnsureBuiltAsync(CancellationToken cancellationToken)
    {
        if (DotnetProject.FindAssembly(projectFile) is { } built)
        {
            return built;
        }

        api.Log($"{LinePrefix}building {Path.GetFileName(projectFile)} (first run)");
        await DotnetProject.BuildAsync(projectFile, (stream, line) => api.Logs.Add(stream, LinePrefix + line), cancellationToken);
        return DotnetProject.FindAssembly(projectFile)
            ?? throw new InvalidOperationException($"no assembly for {Path.GetFileName(projectFile)} after the build");
    }

    /// <summary>The last line the simulator printed, which is where it says why (its summary or its error).</summary>
    private static string LastWords(IReadOnlyList<string> output) =>
        output.LastOrDefault(line => !string.IsNullOrWhiteSpace(line))?.Trim() ?? "it printed nothing";

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
