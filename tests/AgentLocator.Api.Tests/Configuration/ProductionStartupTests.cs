using AgentLocator.Api.Tests.Infrastructure;
using Npgsql;

namespace AgentLocator.Api.Tests.Configuration;

public sealed class ProductionStartupTests
{
    [Fact]
    public async Task Production_refuses_to_start_and_names_every_missing_setting_in_one_message()
    {
        var (exitCode, output) = await ApiProcess.RunAsync(new Dictionary<string, string?> { ["ASPNETCORE_ENVIRONMENT"] = "Production" });

        Assert.NotEqual(0, exitCode);
        foreach (var name in new[] { "DATABASE_URL", "REDIS_URL", "JWT_SECRET", "PUBLIC_HOST", "TWILIO_TOKEN", "VAPID_PUBLIC_KEY", "VAPID_PRIVATE_KEY" })
        {
            Assert.Contains(name, output);
        }
        Assert.Single(output.Split('\n'), line => line.Contains("cannot start in Production"));
    }

    [Fact]
    public async Task Production_rejects_a_short_jwt_secret_and_never_prints_it()
    {
        const string shortSecret = "too-short-secret";
        var (exitCode, output) = await ApiProcess.RunAsync(new Dictionary<string, string?>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["DATABASE_URL"] = "postgres://app:pw@127.0.0.1:5432/agentlocator",
            ["REDIS_URL"] = "redis://127.0.0.1:6379",
            ["JWT_SECRET"] = shortSecret,
            ["PUBLIC_HOST"] = "https://crm.example.test",
            ["TWILIO_TOKEN"] = "token",
        });

        Assert.NotEqual(0, exitCode);
        Assert.Contains("JWT_SECRET must be at least 32 bytes", output);
        Assert.DoesNotContain("DATABASE_URL", output);
        Assert.DoesNotContain(shortSecret, output);
    }

    [Fact]
    public async Task Migrate_command_applies_the_schema_with_only_DATABASE_URL_and_exits()
    {
        var database = await TestServices.CreateDatabaseAsync();
        try
        {
            var server = new NpgsqlConnectionStringBuilder(TestServices.PostgresServer);
            var url = $"postgres://{server.Username}:{server.Password}@{server.Host}:{server.Port}/{database}";

            var (exitCode, output) = await ApiProcess.RunAsync(
                new Dictionary<string, string?> { ["ASPNETCORE_ENVIRONMENT"] = "Production", ["DATABASE_URL"] = url }, "migrate");

            Assert.True(exitCode == 0, output);
            await using var connection = new NpgsqlConnection(TestServices.ConnectionStringFor(database));
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(
                "SELECT count(*) FROM information_schema.tables WHERE table_name IN ('businesses', 'users', 'auth_sessions')", connection);
            Assert.Equal(3L, await command.ExecuteScalarAsync());
            // Production seeds nothing.
            await using var users = new NpgsqlCommand("SELECT count(*) FROM users", connection);
            Assert.Equal(0L, await users.ExecuteScalarAsync());
        }
        finally
        {
            await TestServices.DropDatabaseAsync(database);
        }
    }
}
