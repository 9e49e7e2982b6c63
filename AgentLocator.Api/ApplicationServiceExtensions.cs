using AgentLocator.Api.Account;
using AgentLocator.Api.Calls;
using AgentLocator.Api.Customers;
using AgentLocator.Api.Infrastructure.Bench;
using AgentLocator.Api.Infrastructure.Configuration;
using AgentLocator.Api.Infrastructure.Entitlements;
using AgentLocator.Api.Infrastructure.Hosting;
using AgentLocator.Api.Infrastructure.Json;
using AgentLocator.Api.Infrastructure.Realtime;
using AgentLocator.Api.Infrastructure.Text;
using AgentLocator.Api.Integrations;
using AgentLocator.Api.Tasks.Alerts;
using AgentLocator.Api.Timeline;
using AgentLocator.Api.WhatsApp;
using AgentLocator.Grains.Audit;
using AgentLocator.Grains.Customers;
using AgentLocator.Grains.Data;
using AgentLocator.Grains.Tasks;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using StackExchange.Redis;

namespace AgentLocator.Api;

public static class ApplicationServiceExtensions
{
    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;

        services.AddSingleton(TimeProvider.System);
        services.AddProblemResponses();
        services.AddReverseProxySupport(configuration).AddSecurityHeaders();
        // Task bodies bind both spellings of a field (seed contract snake_case, web app camelCase); no body brings in text
        // Postgres cannot store.
        services.ConfigureHttpJsonOptions(options =>
        {
            options.SerializerOptions.AddWireAliases();
            options.SerializerOptions.AddStorableText();
        });
        services.AddOpenApi(options => options.AddSchemaTransformer<StorableTextSchemas>().AddSchemaTransformer<StringEnumSchemas>()
            .AddSchemaTransformer<OptionalSchemas>());

        var postgres = configuration[EnvironmentAliases.PostgresKey]!;
        services.AddSingleton(_ =>
        {
            var dataSource = new NpgsqlDataSourceBuilder(postgres);
            // The same few list and lookup statements run on every request: prepared once per connection, Postgres
            // skips parsing and planning them (measured in bench/RESULTS.md).
            dataSource.ConnectionStringBuilder.MaxAutoPrepare = Math.Max(dataSource.ConnectionStringBuilder.MaxAutoPrepare, 64);
            dataSource.ConnectionStringBuilder.AutoPrepareMinUsages = 2;
            return dataSource.Build();
        });
        // Registered by hand rather than with AddNpgsqlDbContext, whose pooling needs a context constructed from options
        // alone: ours takes the request's tenant. Options are a singleton so grains, which live outside requests, can
        // make tenant-scoped contexts too.
        services.AddBenchProbes(configuration);
        services.AddDbContext<AgentLocatorDbContext>((provider, options) => options
            .UseNpgsql(provider.GetRequiredService<NpgsqlDataSource>())
            .UseSnakeCaseNamingConvention()
            // Only when the bench asks (Bench:Probes): counts checkouts and round trips per request.
            .AddInterceptors(provider.GetService<DatabaseCallCounter>()?.Interceptors() ?? []), optionsLifetime: ServiceLifetime.Singleton);
        // Aspire's integration adds the health check, tracing and metrics. No retrying execution strategy: it forbids
        // the transactions we open ourselves (the development seed, for one), and grains already retry where it is safe.
        builder.EnrichNpgsqlDbContext<AgentLocatorDbContext>(settings => settings.DisableRetry = true);
        services.AddSingleton<TenantDbContextFactory>();
        services.AddSingleton<IAuditLog, AuditLog>();
        services.AddSingleton<ICustomerChangeNotifier, SignalRCustomerChangeNotifier>();
        services.AddSingleton<ITaskAlertNotifier, TaskAlertNotifier>();
        services.AddTimelinePushes();
        services.AddWhatsApp();

        var redis = configuration[EnvironmentAliases.RedisKey]!;
        // Aspire's client adds the health check and tracing. Keyed too, under the connection name, because Orleans'
        // configuration-based Redis providers look the multiplexer up by the ServiceKey the AppHost hands the silo.
        builder.AddRedisClient(EnvironmentAliases.RedisConnectionName, configureOptions: options => options.AbortOnConnectFail = false);
        services.AddKeyedSingleton<IConnectionMultiplexer>(EnvironmentAliases.RedisConnectionName,
            (provider, _) => provider.GetRequiredService<IConnectionMultiplexer>());
        services.AddHealthChecks().AddSiloHealthCheck();

        builder.AddAgentAuthentication();
        builder.AddOrleansSilo();
        // The outside world, one registration per integration (Integrations/*).
        builder.AddMediaStorage();
        builder.AddTwilio();
        builder.AddOpenAI();
        builder.AddWhisper();
        builder.AddGoogleTts();
        builder.AddTranscriberChoice();
        builder.AddWebPush();
        builder.AddPdf();
        builder.AddInvoices();
        builder.AddSignatures();
        builder.AddContracts();
        builder.AddCallPipeline();
        // After the silo, so its start-up sweep runs once grains can be called.
        services.AddSingleton<TaskAlertSweeper>();
        services.AddHostedService(provider => provider.GetRequiredService<TaskAlertSweeper>());

        services.AddSingleton<IUserIdProvider, UserIdFromSubject>();
        services.AddSignalR(options => options.AddFilter<FeatureHubFilter>()).AddStackExchangeRedis(redis, options =>
        {
            options.Configuration.ChannelPrefix = RedisChannel.Literal("agentlocator");
            options.Configuration.AbortOnConnectFail = false;
        });

        var origins = CorsOrigins(configuration);
        // Same-origin (the API serving the web app) needs no CORS; a policy with no origins would only log refusals.
        if (origins.Length > 0)
        {
            services.AddCors(cors => cors.AddDefaultPolicy(policy =>
                policy.WithOrigins(origins).AllowAnyHeader().AllowAnyMethod().AllowCredentials()));
        }
        return builder;
    }

    public static string[] CorsOrigins(IConfiguration configuration) =>
        (configuration["Cors:Origins"] ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public static WebApplication UseCorsWhenConfigured(this WebApplication app)
    {
        if (CorsOrigins(app.Configuration).Length > 0)
        {
            app.UseCors();
        }
        return app;
    }
}
