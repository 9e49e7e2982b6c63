using AgentLocator.Api.Infrastructure.Configuration;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace AgentLocator.Api.Tests.Configuration;

public sealed class SettingsTests
{
    [Fact]
    public void Database_url_becomes_an_npgsql_connection_string()
    {
        var converted = new NpgsqlConnectionStringBuilder(
            ConnectionStringFormats.PostgresUrlToNpgsql("postgres://app%40x:p%3Ass@db.internal:6543/crm?sslmode=require"));

        Assert.Equal("db.internal", converted.Host);
        Assert.Equal(6543, converted.Port);
        Assert.Equal("crm", converted.Database);
        Assert.Equal("app@x", converted.Username);
        Assert.Equal("p:ss", converted.Password);
        Assert.Equal(SslMode.Require, converted.SslMode);
    }

    [Fact]
    public void Database_url_without_port_uses_5432_and_keyword_strings_pass_through()
    {
        Assert.Equal(5432, new NpgsqlConnectionStringBuilder(ConnectionStringFormats.PostgresUrlToNpgsql("postgresql://u@h/d")).Port);
        Assert.Equal("Host=h;Database=d", ConnectionStringFormats.PostgresUrlToNpgsql("Host=h;Database=d"));
    }

    [Theory]
    [InlineData("redis://127.0.0.1:6380", "127.0.0.1:6380,abortConnect=false")]
    [InlineData("redis://:secret@cache:6379/2", "cache:6379,password=secret,defaultDatabase=2,abortConnect=false")]
    [InlineData("rediss://user:secret@cache:6380", "cache:6380,user=user,password=secret,ssl=true,abortConnect=false")]
    [InlineData("127.0.0.1:6379", "127.0.0.1:6379")]
    public void Redis_url_becomes_a_stackexchange_configuration(string url, string expected) =>
        Assert.Equal(expected, ConnectionStringFormats.RedisUrlToStackExchange(url));

    [Fact]
    public void Aliases_fill_dotnet_keys_but_never_override_an_explicit_one()
    {
        var configuration = new ConfigurationManager();
        configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["DATABASE_URL"] = "postgres://u:p@alias-host/db",
            ["ConnectionStrings:redis"] = "explicit:6379",
            ["REDIS_URL"] = "redis://alias:6379",
            ["JWT_SECRET"] = "from-alias",
            ["CORS_ORIGINS"] = "https://a.test,https://b.test",
        });

        configuration.AddEnvironmentAliases();

        Assert.Equal("alias-host", new NpgsqlConnectionStringBuilder(configuration[EnvironmentAliases.PostgresKey]).Host);
        Assert.Equal("explicit:6379", configuration[EnvironmentAliases.RedisKey]);
        Assert.Equal("from-alias", configuration["Auth:JwtSecret"]);
        Assert.Equal("https://a.test,https://b.test", configuration["Cors:Origins"]);
    }
}
