using AgentLocator.AppHost.Hosting;

namespace AgentLocator.AppHost.Tests;

public sealed class PrerequisiteTests
{
    private static Resource[] Services(ToolLocator tools) =>
    [
        new PostgresServerResource("postgres", "/tmp/unused/postgres", 1, tools),
        new RedisResource("redis", "/tmp/unused/redis", 2),
    ];

    [Fact]
    public void Nothing_is_reported_when_every_program_is_found()
    {
        var tools = new ToolLocator(command => "/usr/bin/" + command);
        Assert.Null(DistributedApplication.DescribeMissingPrerequisites(tools, Services(tools)));
    }

    [Fact]
    public void Missing_postgres_names_only_the_postgresql_package_once()
    {
        var tools = new ToolLocator(command => command is "postgres" or "initdb" ? null : "/usr/bin/" + command);
        var message = DistributedApplication.DescribeMissingPrerequisites(tools, Services(tools));
        Assert.NotNull(message);
        Assert.Contains("apt-get install -y postgresql\n", message + "\n");
        Assert.Contains("postgres, initdb", message);
        Assert.DoesNotContain("redis-server", message);
    }

    [Fact]
    public void Missing_redis_names_only_the_redis_server_package()
    {
        var tools = new ToolLocator(command => command == "redis-server" ? null : "/usr/bin/" + command);
        var message = DistributedApplication.DescribeMissingPrerequisites(tools, Services(tools));
        Assert.NotNull(message);
        Assert.Contains("apt-get install -y redis-server", message);
        Assert.DoesNotContain("postgresql", message);
    }

    [Fact]
    public void Both_missing_name_both_packages()
    {
        var tools = new ToolLocator(command => command is "postgres" or "initdb" or "pg_isready" or "psql" or "redis-server" ? null : "/usr/bin/" + command);
        var message = DistributedApplication.DescribeMissingPrerequisites(tools, Services(tools));
        Assert.Contains("apt-get install -y postgresql redis-server", message);
    }

    [Fact]
    public void The_real_lookup_finds_the_servers_installed_here()
    {
        var tools = new ToolLocator();
        Assert.NotNull(tools.Find("postgres"));
        Assert.NotNull(tools.Find("redis-server"));
        Assert.Null(tools.Find("definitely-not-a-real-program"));
    }

    [Fact]
    public void Options_come_from_flags_and_the_environment()
    {
        var none = AppHostOptions.Parse([], _ => null);
        Assert.Equal(AppHostOptions.DefaultDashboardPort, none.DashboardPort);
        Assert.False(none.NoWeb);

        var fromEnvironment = AppHostOptions.Parse([], name => name == "APPHOST_DASHBOARD_PORT" ? "19999" : null);
        Assert.Equal(19999, fromEnvironment.DashboardPort);

        var flags = AppHostOptions.Parse(["--services-only", "--dashboard-port", "20001"], _ => "19999");
        Assert.True(flags.ServicesOnly);
        Assert.True(flags.NoWeb);
        Assert.Equal(20001, flags.DashboardPort);

        Assert.Throws<ArgumentException>(() => AppHostOptions.Parse(["--bogus"], _ => null));
    }
}
