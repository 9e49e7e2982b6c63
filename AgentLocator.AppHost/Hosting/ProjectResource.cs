namespace AgentLocator.AppHost.Hosting;

/// <summary>
/// A .NET project of the solution. Built once per start with <c>dotnet build</c>, then run as
/// <c>dotnet &lt;dll&gt;</c>: under <c>dotnet run</c> a SIGTERM may stop the CLI without reaching the app,
/// and the app would never leave its Orleans cluster cleanly.
/// </summary>
internal sealed class ProjectResource : Resource, IResourceWithServiceDiscovery
{
    public ProjectResource(string name, string projectFile, int httpPort)
        : base(name)
    {
        ProjectFile = projectFile;
        Endpoints.Add(new Endpoint("http", "http", httpPort));
        StartupTimeout = TimeSpan.FromSeconds(120);
    }

    public override string Kind => "Project";

    public string ProjectFile { get; }

    public string ProjectDirectory => Path.GetDirectoryName(ProjectFile)!;

    public Endpoint HttpEndpoint => GetEndpoint("http");

    public int StopSignal { get; set; } = Posix.SigTerm;

    /// <summary>The Orleans silo needs a couple of seconds to leave the cluster before the host exits.</summary>
    public TimeSpan StopTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Passed to the app after its assembly, e.g. a port for a program that does not read ASPNETCORE_URLS.</summary>
    public List<string> Arguments { get; } = [];

    public override Task PrepareAsync(CancellationToken cancellationToken)
    {
        Log($"building {Path.GetFileName(ProjectFile)}");
        return DotnetProject.BuildAsync(ProjectFile, (stream, line) => Logs.Add(stream, line), cancellationToken);
    }

    public override LaunchSpec CreateLaunchSpec()
    {
        var defaults = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["DOTNET_ENVIRONMENT"] = "Development",
            ["ASPNETCORE_URLS"] = HttpEndpoint.Url,
        };
        return new LaunchSpec("dotnet", [FindAssembly(), .. Arguments], ProjectDirectory)
        {
            Environment = ResolveEnvironment(defaults),
            RemoveEnvironment = ["ASPNETCORE_HTTP_PORTS", "ASPNETCORE_HTTPS_PORTS", "HTTP_PORTS", "HTTPS_PORTS", "DOTNET_LAUNCH_PROFILE"],
            StopSignal = StopSignal,
            StopTimeout = StopTimeout,
        };
    }

    private string FindAssembly() =>
        DotnetProject.FindAssembly(ProjectFile)
        ?? throw new InvalidOperationException($"no {Path.GetFileNameWithoutExtension(ProjectFile)}.dll under {ProjectDirectory}/bin/Debug after the build");
}
