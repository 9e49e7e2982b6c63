using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace AgentLocator.Api.Tests.Infrastructure;

/// <summary>
/// The real Postgres and Redis that <c>./test.sh</c> starts for the run. Each test fixture gets a database of
/// its own on that server, so fixtures can run in parallel without seeing each other's rows.
/// </summary>
public static class TestServices
{
    public static string PostgresServer => Required("AGENTLOCATOR_TEST_POSTGRES");
    public static string Redis => Required("AGENTLOCATOR_TEST_REDIS");

    public static string ConnectionStringFor(string database) =>
        new NpgsqlConnectionStringBuilder(PostgresServer) { Database = database }.ConnectionString;

    public static async Task<string> CreateDatabaseAsync()
    {
        var name = "t_" + Guid.NewGuid().ToString("N")[..16];
        await ExecuteOnServerAsync($"CREATE DATABASE {name}");
        return name;
    }

    public static Task DropDatabaseAsync(string name) => ExecuteOnServerAsync($"DROP DATABASE IF EXISTS {name} WITH (FORCE)");

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task ExecuteOnServerAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(PostgresServer) { Database = "postgres", Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static string Required(string variable) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{variable} is not set. Run the tests with ./test.sh, which starts a real Postgres and Redis and sets it.");
}
