using AgentLocator.AppHost.Resources;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using StackExchange.Redis;

namespace AgentLocator.AppHost.Tests;

/// <summary>Postgres and Redis as the AppHost runs them: real servers, started and stopped by Aspire (DCP).</summary>
public sealed class ServerResourceTests
{
    [Fact]
    public async Task Postgres_and_redis_start_healthy_keep_their_data_and_postgres_is_initialised_once_as_the_postgres_user()
    {
        using var temp = new TempDirectory();
        string password;

        await using (var first = await StartServicesAsync(temp.Path))
        {
            var server = Server(first);
            Assert.True(File.Exists(Path.Combine(server.DataDirectory, "PG_VERSION")), "the first run initialises a cluster");
            var firstLogs = await AppHostFactory.LogsAsync(first, server);
            Assert.Contains("First run: initdb", firstLogs);
            // The health check waited for the server to say it was ready instead of connecting while it started.
            Assert.DoesNotContain("the database system is starting up", firstLogs);
            Assert.StartsWith(temp.Path, server.DataDirectory);

            // Postgres refuses root, so as root it runs as the postgres OS user; otherwise as us.
            var postmaster = Assert.Single(ProcessesWithArgument(server.DataDirectory), p => p.Command.Contains("/bin/postgres", StringComparison.Ordinal));
            Assert.Equal(ServerUser.IsRoot ? "postgres" : Environment.UserName, postmaster.User);

            password = await File.ReadAllTextAsync(server.PasswordFile);
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(server.PasswordFile));
            var connectionString = await first.GetConnectionStringAsync("agentlocator");
            Assert.Contains("Database=agentlocator", connectionString);
            await using (var connection = new NpgsqlConnection(connectionString))
            {
                await connection.OpenAsync();
                await using var create = new NpgsqlCommand("CREATE TABLE kept (value text); INSERT INTO kept VALUES ('across runs')", connection);
                await create.ExecuteNonQueryAsync();
            }

            var wrongPassword = new NpgsqlConnectionStringBuilder(connectionString) { Password = "wrong-password", Pooling = false }.ConnectionString;
            await Assert.ThrowsAsync<PostgresException>(async () =>
            {
                await using var refused = new NpgsqlConnection(wrongPassword);
                await refused.OpenAsync();
            });

            await using var redis = await ConnectionMultiplexer.ConnectAsync((await first.GetConnectionStringAsync("redis"))!);
            Assert.True(await redis.GetDatabase().StringSetAsync("apphost-test", "kept"));
            await first.StopAsync();
        }

        NpgsqlConnection.ClearAllPools();
        await using (var second = await StartServicesAsync(temp.Path))
        {
            var server = Server(second);
            var logs = await AppHostFactory.LogsAsync(second, server);
            Assert.DoesNotContain("First run: initdb", logs);
            Assert.Contains("Reusing the cluster", logs);
            Assert.Equal(password, await File.ReadAllTextAsync(server.PasswordFile));

            await using (var connection = new NpgsqlConnection(await second.GetConnectionStringAsync("agentlocator")))
            {
                await connection.OpenAsync();
                await using var read = new NpgsqlCommand("SELECT value FROM kept", connection);
                Assert.Equal("across runs", await read.ExecuteScalarAsync());
            }

            await using var redis = await ConnectionMultiplexer.ConnectAsync((await second.GetConnectionStringAsync("redis"))!);
            Assert.Equal("kept", (string?)await redis.GetDatabase().StringGetAsync("apphost-test"));
            Assert.True(Directory.Exists(Path.Combine(temp.Path, "redis", "appendonlydir")), "append-only persistence writes into the data directory");
            await second.StopAsync();
        }
    }

    [Fact]
    public async Task The_protocol_checks_fail_where_nothing_answers_rather_than_trusting_an_open_port()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        // Accepts and says nothing, like DCP's proxy before the server behind it is up.
        _ = Task.Run(async () =>
        {
            while (true)
            {
                try
                {
                    _ = await listener.AcceptTcpClientAsync();
                }
                catch (Exception e) when (e is ObjectDisposedException or System.Net.Sockets.SocketException)
                {
                    return;
                }
            }
        });

        var postgres = await ServiceResources.SelectOneAsync($"Host=127.0.0.1;Port={port};Username=postgres;Password=x;Database=postgres", CancellationToken.None);
        var redis = await ServiceResources.PingAsync($"127.0.0.1:{port}", CancellationToken.None);

        Assert.Equal(Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Unhealthy, postgres.Status);
        Assert.Equal(Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Unhealthy, redis.Status);
        listener.Stop();
    }

    [Theory]
    [InlineData("starting", false)]
    [InlineData("ready", true)]
    [InlineData("stopping", false)]
    public void The_server_is_asked_nothing_until_its_pid_file_says_ready(string status, bool ready)
    {
        using var temp = new TempDirectory();
        var server = new PostgresServerResource("pg", temp.Path, "/usr/lib/postgresql/15/bin");
        Assert.False(server.SaysReady(), "no pid file: not started");

        // postmaster.pid as Postgres writes it: pid, data dir, start time, port, socket dir, listen address, shmem key, status.
        File.WriteAllLines(Path.Combine(temp.Path, "postmaster.pid"),
            ["4242", temp.Path, "1796550000", "5432", "/tmp", "127.0.0.1", "  1234567  1", status.PadRight(12)]);

        Assert.Equal(ready, server.SaysReady());
    }

    [Fact]
    public void The_newest_installed_postgres_is_used_and_its_absence_is_noticed()
    {
        using var temp = new TempDirectory();
        Assert.Null(PostgresServerResource.FindBinDirectory(temp.Path));
        foreach (var major in new[] { "9", "15", "13" })
        {
            var bin = Directory.CreateDirectory(Path.Combine(temp.Path, major, "bin")).FullName;
            File.WriteAllText(Path.Combine(bin, "postgres"), "");
            File.WriteAllText(Path.Combine(bin, "initdb"), "");
        }

        Assert.Equal(Path.Combine(temp.Path, "15", "bin"), PostgresServerResource.FindBinDirectory(temp.Path));
        Assert.NotNull(PostgresServerResource.FindBinDirectory());
    }

    private static async Task<DistributedApplication> StartServicesAsync(string dataDirectory)
    {
        var builder = await AppHostFactory.ServicesOnlyAsync(dataDirectory);
        var app = await builder.BuildAsync();
        await app.StartAsync();
        await AppHostFactory.WaitHealthyAsync(app, ["postgres", "redis", "agentlocator"]);
        return app;
    }

    private static PostgresServerResource Server(DistributedApplication app) =>
        app.Services.GetRequiredService<DistributedApplicationModel>().Resources.OfType<PostgresServerResource>().Single();

    private static IEnumerable<(string User, string Command)> ProcessesWithArgument(string argument)
    {
        foreach (var dir in Directory.EnumerateDirectories("/proc").Where(d => int.TryParse(Path.GetFileName(d), out _)))
        {
            string commandLine;
            try
            {
                commandLine = File.ReadAllText(Path.Combine(dir, "cmdline")).Replace('\0', ' ');
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                continue;
            }

            if (commandLine.Contains(argument, StringComparison.Ordinal))
            {
                var uid = File.ReadLines(Path.Combine(dir, "status")).First(l => l.StartsWith("Uid:", StringComparison.Ordinal)).Split('\t', StringSplitOptions.RemoveEmptyEntries)[1];
                yield return (UserName(uid), commandLine);
            }
        }
    }

    private static string UserName(string uid) =>
        File.ReadLines("/etc/passwd").Select(l => l.Split(':')).FirstOrDefault(f => f.Length > 2 && f[2] == uid)?[0] ?? uid;
}
