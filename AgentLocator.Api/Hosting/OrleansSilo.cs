using System.Net;
using AgentLocator.Api.Configuration;
using Orleans.Configuration;
using Orleans.Dashboard;
using StackExchange.Redis;

namespace AgentLocator.Api.Hosting;

public sealed class OrleansSettings
{
    public const string SectionName = "Orleans";
    public string ClusterId { get; set; } = "dev";
    public string ServiceId { get; set; } = "agentlocator";
    public int SiloPort { get; set; } = 11111;
    public int GatewayPort { get; set; } = 30000;

    /// <summary>The address other silos reach this one on; loopback suits one machine.</summary>
    public string AdvertisedAddress { get; set; } = "127.0.0.1";

    /// <summary>
    /// Votes needed to declare a silo dead. One suits our clusters of a few silos: with Orleans' default of two, a
    /// silo killed with -9 beside a single survivor is only declared dead when its IAmAlive row goes stale, and
    /// until then calls to the grains and directory it held fail. Raise it for large clusters across hosts.
    /// </summary>
    public int DeathVotes { get; set; } = 1;
}

public static class OrleansSilo
{
    /// <summary>
    /// The API process is also a silo: grains and HTTP share one host. Membership and reminders live in Redis,
    /// so several API instances on one machine (distinct ports) form one cluster.
    /// </summary>
    public static IHostApplicationBuilder AddOrleansSilo(this IHostApplicationBuilder builder)
    {
        var settings = builder.Configuration.GetSection(OrleansSettings.SectionName).Get<OrleansSettings>() ?? new OrleansSettings();
        var redis = builder.Configuration[EnvironmentAliases.RedisKey] ?? "";

        builder.UseOrleans(silo =>
        {
            silo.Configure<ClusterOptions>(options =>
            {
                options.ClusterId = settings.ClusterId;
                options.ServiceId = settings.ServiceId;
            });
            silo.ConfigureEndpoints(IPAddress.Parse(settings.AdvertisedAddress), settings.SiloPort, settings.GatewayPort,
                listenOnAnyHostAddress: false);
            silo.UseRedisClustering(options => options.ConfigurationOptions = RedisOptions(redis));
            silo.UseRedisReminderService(options => options.ConfigurationOptions = RedisOptions(redis));
            // Grain calls join the caller's trace, so a webhook's trace continues into the grains it calls.
            silo.AddActivityPropagation();
            silo.Configure<ClusterMembershipOptions>(options =>
            {
                // A silo killed with -9 must not hold its grains hostage for long.
                options.ProbeTimeout = TimeSpan.FromSeconds(3);
                options.NumMissedProbesLimit = 2;
                options.NumVotesForDeathDeclaration = settings.DeathVotes;
                options.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(10);
                options.DefunctSiloCleanupPeriod = TimeSpan.FromMinutes(10);
            });
            silo.AddDashboard();
        });
        return builder;
    }

    private static ConfigurationOptions RedisOptions(string connectionString)
    {
        var options = ConfigurationOptions.Parse(connectionString);
        options.AbortOnConnectFail = false;
        return options;
    }
}
