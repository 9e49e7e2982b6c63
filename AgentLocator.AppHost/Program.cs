using AgentLocator.AppHost.Hosting;

var builder = DistributedApplication.CreateBuilder(args);
Program.AddResources(builder);
builder.Build().Run();

internal sealed partial class Program
{
    /// <summary>
    /// The development topology, read top to bottom: what runs, what it is handed, and what it waits for.
    /// Apart from Main so tests can inspect the model without starting anything. The machinery behind these
    /// calls lives in Hosting/; names follow .NET Aspire so a move is a swap.
    /// </summary>
    internal static void AddResources(DistributedApplicationBuilder builder)
    {
        var postgres = builder.AddPostgres("postgres")
            .WithDataDirectory(".agentlocator/postgres")
            .AddDatabase("agentlocator");

        var redis = builder.AddRedis("redis")
            .WithDataDirectory(".agentlocator/redis");

        // Fake OpenAI and Google TTS, so transcription, replies and speech run locally without keys.
        var fakeAi = builder.Options.FakeAi
            ? builder.AddFakeAi("fake-ai", "tests/AgentLocator.FakeProviders")
            : null;

        if (builder.Options.ServicesOnly)
        {
            return;
        }

        var api = builder.AddProject("api", "AgentLocator.Api", preferredPort: 5080)
            .WithReference(postgres)
            .WithReference(redis)
            .WaitFor(postgres)
            .WaitFor(redis)
            .WithEnvironment("Orleans__ClusterId", "dev")
            .WithEnvironment("Orleans__ServiceId", "agentlocator")
            // Named explicitly so the call simulator can sign its webhooks with the very token the API checks.
            .WithEnvironment("TWILIO_TOKEN", CallSimulatorCommand.TwilioToken(Environment.GetEnvironmentVariable))
            .WithEndpoint("orleans-silo", env: "Orleans__SiloPort")
            .WithEndpoint("orleans-gateway", env: "Orleans__GatewayPort")
            .WithHttpHealthCheck("/health")
            .WithUrl("API reference", "/scalar")
            .WithUrl("Orleans dashboard", "/dashboard");

        var simulator = new CallSimulatorCommand(api.Resource, builder.ResolvePath("tools/AgentLocator.CallSimulator/AgentLocator.CallSimulator.csproj"));
        api.WithCommand("simulate-call", "Simulate a call", simulator.ExecuteAsync,
            "Plays Twilio against the webhooks (tools/AgentLocator.CallSimulator); its output goes to this log");

        if (fakeAi is not null)
        {
            api.WithReference(fakeAi)
                .WaitFor(fakeAi);
        }

        if (builder.Options.NoWeb)
        {
            // Links and webhook signatures then name the API itself, the only address there is.
            api.WithEnvironment("PUBLIC_HOST", api.Resource.HttpEndpoint.BrowserUrl);
            return;
        }

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
