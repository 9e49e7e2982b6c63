using AgentLocator.AppHost.Hosting;

namespace AgentLocator.AppHost.Tests;

public sealed class PostgresResourceTests
{
    [Fact]
    public async Task Starts_healthy_creates_the_database_stops_cleanly_and_reuses_its_data_on_the_next_start()
    {
        using var temp = new TempDirectory();
        var dataDirectory = temp.Combine("postgres");
        var ports = new PortFinder();

        // First run: initdb, start, create the database.
        var first = NewServer(dataDirectory, ports.Allocate());
        int pid;
        string password;
        await using (var orchestrator = new ResourceOrchestrator([first]))
        {
            Assert.True(await orchestrator.StartAllAsync(), Describe(first));
            Assert.Equal(ResourceState.Healthy, first.State);
            Assert.True((await first.CheckReadyAsync(CancellationToken.None)).IsHealthy);
            Assert.True(first.Logs.Contains("initdb"), "the first run initialises the cluster");

            var exists = await first.PsqlAsync("SELECT 1 FROM pg_database WHERE datname = 'agentlocator'", CancellationToken.None);
            Assert.Contains("1", exists.Output.Select(l => l.Trim()));

            password = await File.ReadAllTextAsync(first.PasswordFile);
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(first.PasswordFile));
            Assert.True(await CanLogInOverTcpAsync(first, password));
            Assert.False(await CanLogInOverTcpAsync(first, "wrong-password"), "TCP logins must need the password");

            pid = Assert.IsType<int>(first.Pid);
            await orchestrator.ShutdownAsync();
            Assert.Equal(ResourceState.Stopped, first.State);
        }

        await ProcessAssert.GoneAsync(pid);
        Assert.True(PortFinder.IsFree(first.Port), "the port is released after stop");

        // Second run on the same directory: no initdb, same password.
        var second = NewServer(dataDirectory, ports.Allocate());
        await using (var orchestrator = new ResourceOrchestrator([second]))
        {
            Assert.True(await orchestrator.StartAllAsync(), Describe(second));
            Assert.False(second.Logs.Contains("initdb"), "the second run must reuse the cluster");
            Assert.True(second.Logs.Contains("reusing the cluster"));
            Assert.Equal(password, await File.ReadAllTextAsync(second.PasswordFile));
            Assert.True(await CanLogInOverTcpAsync(second, password));
            Assert.Contains("Password=" + password, second.ConnectionString("agentlocator"));
            pid = Assert.IsType<int>(second.Pid);
        }

        await ProcessAssert.GoneAsync(pid);
    }

    [Fact]
    public async Task A_postmaster_pid_file_left_by_a_killed_server_does_not_block_the_next_start()
    {
        using var temp = new TempDirectory();
        var dataDirectory = temp.Combine("postgres");
        var ports = new PortFinder();

        var first = NewServer(dataDirectory, ports.Allocate());
        await using (var orchestrator = new ResourceOrchestrator([first]))
        {
            Assert.True(await orchestrator.StartAllAsync(), Describe(first));
            var pid = Assert.IsType<int>(first.Pid);
            orchestrator.KillAll();
            await ProcessAssert.GoneAsync(pid);
        }

        Assert.True(File.Exists(Path.Combine(dataDirectory, "postmaster.pid")), "SIGKILL leaves the pid file behind");

        var second = NewServer(dataDirectory, ports.Allocate());
        await using var again = new ResourceOrchestrator([second]);
        Assert.True(await again.StartAllAsync(), Describe(second));
        Assert.Equal(ResourceState.Healthy, second.State);
    }

    private static PostgresServerResource NewServer(string dataDirectory, int port)
    {
        var server = new PostgresServerResource("postgres", dataDirectory, port, new ToolLocator());
        server.AddDatabase("agentlocator");
        return server;
    }

    private static async Task<bool> CanLogInOverTcpAsync(PostgresServerResource server, string password)
    {
        var psql = new ToolLocator().Require("psql");
        var result = await CommandRunner.RunAsync(
            new LaunchSpec(psql, ["-X", "-t", "-A", "-h", "127.0.0.1", "-p", server.Port.ToString(), "-U", "postgres", "-d", "agentlocator", "-c", "SELECT current_database()"], "/tmp")
            {
                Environment = new Dictionary<string, string> { ["PGPASSWORD"] = password, ["PGCONNECT_TIMEOUT"] = "10" },
            },
            null,
            CancellationToken.None);
        return result.Succeeded && result.Output.Any(l => l.Trim() == "agentlocator");
    }

    private static string Describe(Resource resource) =>
        $"{resource.Name} is {resource.State} ({resource.StateDetail}):\n" + string.Join("\n", resource.Logs.Recent(40).Select(l => l.Text));
}
