namespace AgentLocator.AppHost.Hosting;

/// <summary>Command-line switches; the dashboard port may also come from APPHOST_DASHBOARD_PORT.</summary>
internal sealed record AppHostOptions
{
    public const int DefaultDashboardPort = 18888;

    public bool NoWeb { get; init; }

    /// <summary>Only Postgres and Redis: for tests, benchmarks, or running the API from an IDE.</summary>
    public bool ServicesOnly { get; init; }

    public int DashboardPort { get; init; } = DefaultDashboardPort;

    /// <summary>Run the fake OpenAI and Google TTS servers and point the API at them: the AI pipeline without keys.</summary>
    public bool FakeAi { get; init; }

    public bool ShowHelp { get; init; }

    public static AppHostOptions Parse(IReadOnlyList<string> args, Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        var options = new AppHostOptions();
        if (int.TryParse(environment("APPHOST_DASHBOARD_PORT"), out var fromEnvironment))
        {
            options = options with { DashboardPort = fromEnvironment };
        }

        for (var i = 0; i < args.Count; i++)
        {
            options = args[i] switch
            {
                "--no-web" => options with { NoWeb = true },
                "--services-only" => options with { ServicesOnly = true, NoWeb = true },
                "--fake-ai" => options with { FakeAi = true },
                "--dashboard-port" when i + 1 < args.Count && int.TryParse(args[i + 1], out var port) => options with { DashboardPort = port },
                "-h" or "--help" => options with { ShowHelp = true },
                _ => throw new ArgumentException($"Unknown argument '{args[i]}'. Try --help."),
            };
            if (args[i] == "--dashboard-port")
            {
                i++;
            }
        }

        return options;
    }

    public const string Usage = """
        Usage: dotnet run --project AgentLocator.AppHost -- [options]
          --no-web               do not start the web dev server
          --services-only        start only Postgres and Redis and print their connection strings
          --fake-ai              also run fake OpenAI and Google TTS servers and point the API at them
          --dashboard-port <n>   dashboard port (default 18888, or APPHOST_DASHBOARD_PORT)
        """;
}

/// <summary>A typed handle on a declared resource, so wiring calls read like Aspire's.</summary>
internal interface IResourceBuilder<out T>
{
    T Resource { get; }

    DistributedApplicationBuilder ApplicationBuilder { get; }
}

internal sealed class ResourceBuilder<T>(DistributedApplicationBuilder applicationBuilder, T resource) : IResourceBuilder<T>
{
    public T Resource { get; } = resource;

    public DistributedApplicationBuilder ApplicationBuilder { get; } = applicationBuilder;
}

/// <summary>Collects resources and their wiring; every port is chosen here, before anything runs.</summary>
internal sealed class DistributedApplicationBuilder
{
    private readonly List<Resource> _resources = [];
    private readonly List<IResourceWithConnectionString> _connectionStrings = [];

    public DistributedApplicationBuilder(AppHostOptions options, string repoRoot, ToolLocator? tools = null)
    {
        Options = options;
        RepoRoot = repoRoot;
        Tools = tools ?? new ToolLocator();
    }

    public AppHostOptions Options { get; }

    public string RepoRoot { get; }

    public ToolLocator Tools { get; }

    public PortFinder Ports { get; } = new();

    public IReadOnlyList<Resource> Resources => _resources;

    public IReadOnlyList<IResourceWithConnectionString> ConnectionStrings => _connectionStrings;

    public IResourceBuilder<T> AddResource<T>(T resource)
        where T : Resource
    {
        if (_resources.Any(r => string.Equals(r.Name, resource.Name, StringComparison.OrdinalIgnoreCase)))
        {
            throw new InvalidOperationException($"A resource named '{resource.Name}' already exists.");
        }

        _resources.Add(resource);
        if (resource is IResourceWithConnectionString withConnectionString)
        {
            _connectionStrings.Add(withConnectionString);
        }

        return new ResourceBuilder<T>(this, resource);
    }

    public void AddConnectionString(IResourceWithConnectionString source) => _connectionStrings.Add(source);

    public string ResolvePath(string relativeToRepoRoot) => Path.GetFullPath(Path.Combine(RepoRoot, relativeToRepoRoot));

    public DistributedApplication Build() => new(this);
}
