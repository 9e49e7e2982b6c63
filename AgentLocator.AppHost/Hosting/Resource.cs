namespace AgentLocator.AppHost.Hosting;

internal enum ResourceState
{
    /// <summary>Not started yet: waiting for the resources it waits for to become healthy.</summary>
    Waiting,
    Starting,
    /// <summary>The process is up; its health check has not passed yet (or it has none).</summary>
    Running,
    Healthy,
    Unhealthy,
    /// <summary>Exited without being asked to, or could not be started.</summary>
    Failed,
    Stopping,
    Stopped,
}

/// <summary>A named address a resource listens on, fixed before anything starts.</summary>
internal sealed record Endpoint(string Name, string Scheme, int Port)
{
    public string Url => $"{Scheme}://127.0.0.1:{Port}";

    /// <summary>What a developer types in a browser (and what CORS and public links must match).</summary>
    public string BrowserUrl => $"{Scheme}://localhost:{Port}";
}

/// <summary>A link shown on the dashboard and in the start-up table.</summary>
internal sealed record ResourceUrl(string DisplayName, string Url);

/// <summary>Anything another resource can wait for: a process, or a part of one (a database on a server).</summary>
internal interface IWaitTarget
{
    Resource WaitTarget { get; }
}

/// <summary>Exposes a connection string as <c>ConnectionStrings__{name}</c>, as Aspire does.</summary>
internal interface IResourceWithConnectionString : IWaitTarget
{
    string ConnectionStringName { get; }

    /// <summary>Read when a dependent starts; may include a secret, so never log it.</summary>
    string GetConnectionString();
}

/// <summary>Exposes its HTTP endpoint as <c>services__{name}__http__0</c>, as Aspire's service discovery does.</summary>
internal interface IResourceWithServiceDiscovery : IWaitTarget
{
    string Name { get; }

    Endpoint HttpEndpoint { get; }
}

/// <summary>
/// One process the AppHost runs. Subclasses say how to prepare, launch and health-check it; the
/// <see cref="ResourceOrchestrator"/> owns its lifecycle.
/// </summary>
internal abstract class Resource(string name) : IWaitTarget
{
    private readonly Dictionary<string, Func<string>> _environment = new(StringComparer.Ordinal);

    public string Name { get; } = name;

    public abstract string Kind { get; }

    public Resource WaitTarget => this;

    public ResourceState State { get; internal set; } = ResourceState.Waiting;

    /// <summary>Why it is in its state, e.g. "waiting for postgres" or "exited with code 3".</summary>
    public string? StateDetail { get; internal set; }

    public string? HealthDetail { get; internal set; }

    public DateTimeOffset? StartedAt { get; internal set; }

    public int? Pid => Process is { HasExited: false } process ? process.Pid : null;

    public LogBuffer Logs { get; } = new();

    public List<Endpoint> Endpoints { get; } = [];

    public List<ResourceUrl> Urls { get; } = [];

    public List<Resource> WaitsFor { get; } = [];

    /// <summary>Actions the dashboard offers as buttons, beside Restart and Stop.</summary>
    public List<ResourceCommand> Commands { get; } = [];

    /// <summary>Null means "ready as soon as the process runs".</summary>
    public Func<CancellationToken, Task<HealthResult>>? HealthCheck { get; set; }

    /// <summary>How long after launch it may take to become healthy before it counts as unhealthy.</summary>
    public TimeSpan StartupTimeout { get; set; } = TimeSpan.FromSeconds(60);

    public virtual IEnumerable<RequiredTool> RequiredTools => [new("setsid", "util-linux")];

    internal RunningProcess? Process { get; set; }

    /// <summary>Completes true once healthy, false if this launch failed; dependents wait on it.</summary>
    internal TaskCompletionSource<bool> Ready { get; private set; } = NewReady();

    internal SemaphoreSlim Lifecycle { get; } = new(1, 1);

    public Endpoint GetEndpoint(string endpointName) =>
        Endpoints.FirstOrDefault(e => e.Name == endpointName)
        ?? throw new InvalidOperationException($"Resource '{Name}' has no endpoint '{endpointName}'.");

    public void SetEnvironment(string variable, Func<string> value) => _environment[variable] = value;

    /// <summary>The value this resource is (or will be) started with, resolved now; null when the AppHost sets none.</summary>
    public string? GetEnvironmentValue(string variable) => _environment.TryGetValue(variable, out var value) ? value() : null;

    public ResourceCommand? FindCommand(string commandName) =>
        Commands.FirstOrDefault(c => string.Equals(c.Name, commandName, StringComparison.OrdinalIgnoreCase));

    public void Log(string message) => Logs.Add(LogStream.AppHost, message);

    /// <summary>One-time or per-start work before launching: initdb, dotnet build, npm ci.</summary>
    public virtual Task PrepareAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public abstract LaunchSpec CreateLaunchSpec();

    /// <summary>Work that needs the process healthy first, e.g. creating a database.</summary>
    public virtual Task OnHealthyAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Values resolved now, at launch time, so secrets created during start-up are available.</summary>
    protected IReadOnlyDictionary<string, string> ResolveEnvironment(IEnumerable<KeyValuePair<string, string>>? defaults = null)
    {
        var resolved = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in defaults ?? [])
        {
            resolved[key] = value;
        }

        foreach (var (key, value) in _environment)
        {
            resolved[key] = value();
        }

        return resolved;
    }

    internal void ResetReady()
    {
        if (Ready.Task.IsCompleted)
        {
            Ready = NewReady();
        }
    }

    private static TaskCompletionSource<bool> NewReady() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}

internal sealed record HealthResult(bool IsHealthy, string Detail)
{
    public static HealthResult Healthy(string detail = "healthy") => new(true, detail);

    public static HealthResult Unhealthy(string detail) => new(false, detail);
}
