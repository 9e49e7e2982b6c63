namespace AgentLocator.AppHost.Hosting;

/// <summary>
/// An npm script (the Vite dev server). npm starts a shell that starts vite, so stopping it means
/// signalling the whole process group, which <see cref="RunningProcess"/> does.
/// </summary>
internal sealed class NpmAppResource : Resource
{
    public NpmAppResource(string name, string workingDirectory, string script, int httpPort)
        : base(name)
    {
        WorkingDirectory = workingDirectory;
        Script = script;
        Endpoints.Add(new Endpoint("http", "http", httpPort));
        StartupTimeout = TimeSpan.FromSeconds(120);
    }

    public override string Kind => "NpmApp";

    public string WorkingDirectory { get; }

    public string Script { get; }

    public Endpoint HttpEndpoint => GetEndpoint("http");

    public override IEnumerable<RequiredTool> RequiredTools => base.RequiredTools.Append(new("npm", "npm"));

    public override async Task PrepareAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(Path.Combine(WorkingDirectory, "package.json")))
        {
            throw new InvalidOperationException($"no package.json in {WorkingDirectory}");
        }

        if (Directory.Exists(Path.Combine(WorkingDirectory, "node_modules")))
        {
            return;
        }

        Log("node_modules is missing: running npm ci");
        var install = await CommandRunner.RunAsync(
            new LaunchSpec("npm", ["ci", "--no-audit", "--no-fund"], WorkingDirectory),
            (stream, line) => Logs.Add(stream, line),
            cancellationToken);
        if (!install.Succeeded)
        {
            throw new InvalidOperationException($"npm ci failed with exit code {install.ExitCode}");
        }
    }

    public override LaunchSpec CreateLaunchSpec() => new(
        "npm",
        ["run", Script, "--", "--host", "127.0.0.1", "--port", HttpEndpoint.Port.ToString(), "--strictPort"],
        WorkingDirectory)
    {
        Environment = ResolveEnvironment([new("BROWSER", "none")]),
        StopSignal = Posix.SigTerm,
        StopTimeout = TimeSpan.FromSeconds(10),
    };
}
