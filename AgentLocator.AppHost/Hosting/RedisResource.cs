namespace AgentLocator.AppHost.Hosting;

/// <summary>A local redis-server with append-only persistence, so Orleans reminders survive a restart.</summary>
internal sealed class RedisResource : Resource, IResourceWithConnectionString
{
    public RedisResource(string name, string dataDirectory, int port)
        : base(name)
    {
        DataDirectory = dataDirectory;
        Port = port;
        Endpoints.Add(new Endpoint("tcp", "tcp", port));
        HealthCheck = ct => HealthChecks.RedisPingAsync(Port, ct);
        StartupTimeout = TimeSpan.FromSeconds(30);
    }

    public override string Kind => "Redis";

    public string DataDirectory { get; set; }

    public int Port { get; }

    public string ConnectionStringName => Name;

    /// <summary>StackExchange.Redis configuration format.</summary>
    public string GetConnectionString() => $"127.0.0.1:{Port}";

    public override IEnumerable<RequiredTool> RequiredTools => base.RequiredTools.Append(new("redis-server", "redis-server"));

    public override Task PrepareAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(DataDirectory);
        return Task.CompletedTask;
    }

    public override LaunchSpec CreateLaunchSpec() => new(
        "redis-server",
        [
            "--bind", "127.0.0.1", "--port", Port.ToString(), "--dir", DataDirectory,
            "--appendonly", "yes", "--daemonize", "no", "--protected-mode", "yes",
        ],
        DataDirectory)
    {
        // SIGTERM makes Redis flush the AOF and exit cleanly.
        StopSignal = Posix.SigTerm,
        StopTimeout = TimeSpan.FromSeconds(15),
    };
}
