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

    public override async Task PrepareAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(ProjectFile))
        {
            throw new InvalidOperationException($"project file {ProjectFile} does not exist");
        }

        Log($"building {Path.GetFileName(ProjectFile)}");
        // No build servers: they would outlive the AppHost, and "no process left behind" includes them.
        var build = await CommandRunner.RunAsync(
            new LaunchSpec("dotnet", ["build", ProjectFile, "-c", "Debug", "-nologo", "-v:q", "--disable-build-servers"], ProjectDirectory)
            {
                Environment = new Dictionary<string, string> { ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1", ["DOTNET_NOLOGO"] = "1" },
            },
            (stream, line) => Logs.Add(stream, line),
            cancellationToken);
        if (!build.Succeeded)
        {
            throw new InvalidOperationException($"dotnet build failed with exit code {build.ExitCode}");
        }
    }

    public override LaunchSpec CreateLaunchSpec()
    {
        var defaults = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["DOTNET_ENVIRONMENT"] = "Development",
            ["ASPNETCORE_URLS"] = HttpEndpoint.Url,
        };
        return new LaunchSpec("dotnet", [FindAssembly()], ProjectDirectory)
        {
            Environment = ResolveEnvironment(defaults),
            RemoveEnvironment = ["ASPNETCORE_HTTP_PORTS", "ASPNETCORE_HTTPS_PORTS", "HTTP_PORTS", "HTTPS_PORTS", "DOTNET_LAUNCH_PROFILE"],
            StopSignal = Posix.SigTerm,
            // The Orleans silo needs a couple of seconds to leave the cluster before the host exits.
            StopTimeout = TimeSpan.FromSeconds(15),
        };
    }

    private string FindAssembly()
    {
        var assemblyName = Path.GetFileNameWithoutExtension(ProjectFile) + ".dll";
        var output = Path.Combine(ProjectDirectory, "bin", "Debug");
        var candidates = Directory.Exists(output)
            ? Directory.GetDirectories(output)
                .Select(tfm => Path.Combine(tfm, assemblyName))
                .Where(File.Exists)
                .OrderByDescending(File.GetLastWriteTimeUtc)
                .ToArray()
            : [];
        return candidates.FirstOrDefault()
            ?? throw new InvalidOperationException($"no {assemblyName} under {output} after the build");
    }
}
