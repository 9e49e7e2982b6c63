using AgentLocator.AppHost.Hosting;

// The development topology, read top to bottom: what runs, what it is handed, and what it waits for.
// The machinery behind these calls lives in Hosting/; names follow .NET Aspire so a move is a swap.
var builder = DistributedApplication.CreateBuilder(args);

var postgres = builder.AddPostgres("postgres")
    .WithDataDirectory(".agentlocator/postgres")
    .AddDatabase("agentlocator");

var redis = builder.AddRedis("redis")
    .WithDataDirectory(".agentlocator/redis");

if (!builder.Options.ServicesOnly)
{
    var api = builder.AddProject("api", "AgentLocator.Api", preferredPort: 5080)
        .WithReference(postgres)
        .WithReference(redis)
        .WaitFor(postgres)
        .WaitFor(redis)
        .WithEnvironment("Orleans__ClusterId", "dev")
        .WithEnvironment("Orleans__ServiceId", "agentlocator")
        .WithEndpoint("orleans-silo", env: "Orleans__SiloPort")
        .WithEndpoint("orleans-gateway", env: "Orleans__GatewayPort")
        .WithHttpHealthCheck("/health")
        .WithUrl("API reference", "/scalar")
        .WithUrl("Orleans dashboard", "/dashboard");

    if (!builder.Options.NoWeb)
    {
        var web = builder.AddNpmApp("web", "AgentLocator.Web", "dev", preferredPort: 5173)
            .WithReference(api)
            .WaitFor(api)
            .WithHttpHealthCheck("/");

        // Links in e-mails and CORS must name the address agents browse to, which is the web app's.
        var webUrl = web.Resource.HttpEndpoint.BrowserUrl;
        api.WithEnvironment("PUBLIC_HOST", webUrl)
            .WithEnvironment("CORS_ORIGINS", webUrl);
    }
}

builder.Build().Run();
