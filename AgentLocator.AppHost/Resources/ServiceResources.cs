using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using StackExchange.Redis;

namespace AgentLocator.AppHost.Resources;

/// <summary>
/// Where Postgres and Redis come from. This machine (and CI) has no container engine, so both run as executables
/// from Debian's packages with their data under <c>.agentlocator/</c>. On a machine with Docker, this is the one place
/// to switch to Aspire.Hosting.PostgreSQL's <c>AddPostgres</c> and Aspire.Hosting.Redis' <c>AddRedis</c>: the rest of
/// the model only sees resources with connection strings named <c>agentlocator</c> and <c>redis</c>.
/// </summary>
internal static class ServiceResources
{
    /// <summary>Configuration key (or <c>--AgentLocator:DataDirectory=…</c>) for where server data lives; tests use a temp dir.</summary>
    public const string DataDirectoryKey = "AgentLocator:DataDirectory";

    public static string DataDirectory(this IDistributedApplicationBuilder builder) =>
        Path.GetFullPath(builder.Configuration[DataDirectoryKey] ?? Path.Combine(builder.AppHostDirectory, "..", ".agentlocator"));

    public static IResourceBuilder<PostgresDatabaseResource> AddAgentLocatorPostgres(this IDistributedApplicationBuilder builder, string name, string databaseName)
    {
        var bin = PostgresServerResource.FindBinDirectory()
            ?? throw new DistributedApplicationException("Postgres is not installed: apt-get install -y postgresql (./run.sh does it for you).");
        var server = new PostgresServerResource(name, Path.Combine(builder.DataDirectory(), name), bin);
        var endpoint = server.PrimaryEndpoint;
        var (wrapper, prefix) = ServerUser.ForServer();

        var serverBuilder = builder.AddResource(server)
            .WithEndpoint(PostgresServerResource.EndpointName, e =>
            {
                e.UriScheme = "tcp";
                e.Transport = "tcp";
            })
            .WithArgs(context =>
            {
                if (wrapper.Length > 0)
                {
                    Append(context.Args, [.. prefix, Path.Combine(bin, "postgres")]);
                }

                Append(context.Args, ["-D", server.DataDirectory, "-k", server.SocketDirectory, "-c", "listen_addresses=127.0.0.1"]);
                context.Args.Add("-p");
                context.Args.Add(endpoint.Property(EndpointProperty.TargetPort));
            })
            .WithIconName("DatabaseStack")
            // Waits quietly for the server to say it is ready before asking it anything (see SaysReady).
            .WithHealthCheck(AddCheck(builder, $"{name}-select-1", (connectionString, ct) => server.SaysReady()
                ? SelectOneAsync(connectionString, ct)
                : Task.FromResult(HealthCheckResult.Unhealthy("the server is starting")), server));

        builder.Eventing.Subscribe<BeforeResourceStartedEvent>(server, (e, ct) =>
            server.PrepareAsync(e.Services.GetRequiredService<ResourceLoggerService>().GetLogger(server), ct));

        var database = new PostgresDatabaseResource(databaseName, server);
        // Created once the server answers. Aspire hands a parent's state down to its children only for containers, so
        // the database is marked running here; its own health check (SELECT 1 inside it) then holds back its waiters.
        builder.Eventing.Subscribe<ResourceReadyEvent>(server, async (e, ct) =>
        {
            var logger = e.Services.GetRequiredService<ResourceLoggerService>().GetLogger(server);
            await EnsureDatabaseAsync(await server.ConnectionStringExpression.GetValueAsync(ct), databaseName, logger, ct);
            await e.Services.GetRequiredService<ResourceNotificationService>().PublishUpdateAsync(database, snapshot => snapshot with
            {
                State = KnownResourceStates.Running,
                StartTimeStamp = DateTime.UtcNow,
            });
        });

        return builder.AddResource(database)
            .WithHealthCheck(AddCheck(builder, $"{databaseName}-select-1", SelectOneAsync, database))
            .WithInitialState(new CustomResourceSnapshot
            {
                ResourceType = "PostgresDatabase",
                Properties = [new(CustomResourceKnownProperties.Source, name)],
                State = KnownResourceStates.Waiting,
            })
            .WithParentRelationship(serverBuilder);
    }

    public static IResourceBuilder<RedisResource> AddAgentLocatorRedis(this IDistributedApplicationBuilder builder, string name)
    {
        var redis = new RedisResource(name, Path.Combine(builder.DataDirectory(), name));
        var endpoint = redis.PrimaryEndpoint;
        builder.Eventing.Subscribe<BeforeResourceStartedEvent>(redis, (_, _) =>
        {
            Directory.CreateDirectory(redis.DataDirectory);
            return Task.CompletedTask;
        });

        return builder.AddResource(redis)
            .WithEndpoint(RedisResource.EndpointName, e =>
            {
                e.UriScheme = "tcp";
                e.Transport = "tcp";
            })
            .WithArgs(context =>
            {
                Append(context.Args, ["--bind", "127.0.0.1", "--dir", redis.DataDirectory, "--appendonly", "yes", "--daemonize", "no", "--protected-mode", "yes", "--port"]);
                context.Args.Add(endpoint.Property(EndpointProperty.TargetPort));
            })
            .WithIconName("Memory")
            .WithHealthCheck(AddCheck(builder, $"{name}-ping", PingAsync, redis));
    }

    private static void Append(IList<object> args, IEnumerable<string> values)
    {
        foreach (var value in values)
        {
            args.Add(value);
        }
    }

    /// <summary>
    /// A check that speaks the protocol: DCP's proxy accepts TCP connections before the server behind it is up, so
    /// a port check would pass too early.
    /// </summary>
    private static string AddCheck(IDistributedApplicationBuilder builder, string key, Func<string, CancellationToken, Task<HealthCheckResult>> probe, IResourceWithConnectionString resource)
    {
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(key, _ => new DelegateHealthCheck(async ct =>
        {
            var connectionString = await resource.ConnectionStringExpression.GetValueAsync(ct);
            return connectionString is null ? HealthCheckResult.Unhealthy("no connection string yet") : await probe(connectionString, ct);
        }), failureStatus: null, tags: null, timeout: TimeSpan.FromSeconds(5)));
        return key;
    }

    private sealed class DelegateHealthCheck(Func<CancellationToken, Task<HealthCheckResult>> check) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) => check(cancellationToken);
    }

    internal static async Task<HealthCheckResult> SelectOneAsync(string connectionString, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, Timeout = 3 }.ConnectionString);
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand("SELECT 1", connection);
            await command.ExecuteScalarAsync(cancellationToken);
            return HealthCheckResult.Healthy("SELECT 1 answered");
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException or IOException)
        {
            return HealthCheckResult.Unhealthy($"SELECT 1: {e.Message}");
        }
    }

    internal static async Task<HealthCheckResult> PingAsync(string connectionString, CancellationToken cancellationToken)
    {
        try
        {
            var options = ConfigurationOptions.Parse(connectionString);
            options.AbortOnConnectFail = true;
            options.ConnectTimeout = 3000;
            await using var connection = await ConnectionMultiplexer.ConnectAsync(options);
            var latency = await connection.GetDatabase().PingAsync();
            return HealthCheckResult.Healthy($"PING answered in {latency.TotalMilliseconds.ToString("F1", CultureInfo.InvariantCulture)} ms");
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy($"PING: {e.Message}");
        }
    }

    private static async Task EnsureDatabaseAsync(string? serverConnectionString, string database, ILogger logger, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(serverConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection);
        exists.Parameters.AddWithValue("name", database);
        if (await exists.ExecuteScalarAsync(cancellationToken) is not null)
        {
            return;
        }

        logger.LogInformation("Creating database {Database}", database);
        await using var create = new NpgsqlCommand($"CREATE DATABASE {new NpgsqlCommandBuilder().QuoteIdentifier(database)}", connection);
        await create.ExecuteNonQueryAsync(cancellationToken);
    }
}
