using System.Net;
using AgentLocator.Api.Infrastructure.Configuration;
using Orleans.Configuration;
using Orleans.Dashboard;

namespace AgentLocator.Api.Infrastructure.Hosting;

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
    /// <remarks>
    /// Clustering and reminders are chosen by configuration, the way Aspire.Hosting.Orleans hands them over
    /// (<c>Orleans:Clustering:ProviderType</c>/<c>ServiceKey</c>, the same for <c>Reminders</c>; Orleans itself reads
    /// them). Run on its own (tests, production) the API defaults both to the keyed Redis client.
    /// </remarks>
    public static IHostApplicationBuilder AddOrleansSilo(this IHostApplicationBuilder builder)
    {
        var settings = Settings(builder.Configuration);
        builder.Configuration.AddInMemoryCollection(RedisProviderDefaults(builder.Configuration));

        builder.UseOrleans(silo =>
        {
            silo.Configure<ClusterOptions>(options =>
            {
                options.ClusterId = settings.ClusterId;
                options.ServiceId = settings.ServiceId;
            });
            silo.ConfigureEndpoints(IPAddress.Parse(settings.AdvertisedAddress), settings.SiloPort, settings.GatewayPort,
                listenOnAnyHostAddress: false);
            // Grain calls join the caller's trace, so a webhook's trace continues into the grains it calls.
            silo.AddActivityPropagation();
            silo.AddOutgoingGrainCallFilter<RetryUndeliveredGrainCalls>();
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

    /// <summary>
    /// Our names (<c>Orleans:SiloPort</c>, <c>Orleans:GatewayPort</c>, used by tests and the e2e config) and Aspire's
    /// (<c>Orleans:Endpoints:SiloPort</c>, <c>…:GatewayPort</c>) both work; Aspire's win, they are per replica.
    /// </summary>
    public static OrleansSettings Settings(IConfiguration configuration)
    {
        var section = configuration.GetSection(OrleansSettings.SectionName);
        var settings = section.Get<OrleansSettings>() ?? new OrleansSettings();
        if (section.GetValue<int?>("Endpoints:SiloPort") is { } siloPort)
        {
            settings.SiloPort = siloPort;
        }

        if (section.GetValue<int?>("Endpoints:GatewayPort") is { } gatewayPort)
        {
            settings.GatewayPort = gatewayPort;
        }

        return settings;
    }

    /// <summary>Redis, by the keyed client's name, for whichever of clustering and reminders configuration leaves unset.</summary>
    public static Dictionary<string, string?> RedisProviderDefaults(IConfiguration configuration)
    {
        var defaults = new Dictionary<string, string?>();
        foreach (var kind in new[] { "Clustering", "Reminders" })
        {
            var section = configuration.GetSection($"{OrleansSettings.SectionName}:{kind}");
            if (!section.Exists())
            {
                defaults[$"{OrleansSettings.SectionName}:{kind}:ProviderType"] = "Redis";
                defaults[$"{OrleansSettings.SectionName}:{kind}:ServiceKey"] = EnvironmentAliases.RedisConnectionName;
            }
        }

        return defaults;
    }
}
