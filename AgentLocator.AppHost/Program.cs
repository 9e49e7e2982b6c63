using AgentLocator.AppHost;
using AgentLocator.AppHost.Commands;
using AgentLocator.AppHost.Resources;

var builder = DistributedApplication.CreateBuilder(args);
AppModel.AddResources(builder);
builder.LogResourceStates();
builder.Build().Run();

namespace AgentLocator.AppHost
{
    /// <summary>The development topology, read top to bottom: what runs, what it is handed, and what it waits for.</summary>
    internal static class AppModel
    {
        /// <summary>Configuration key (<c>--UseFakes=true</c>, or <c>./run.sh --fake-ai</c>) that adds the local fake providers.</summary>
        public const string UseFakesKey = "UseFakes";

        /// <summary>Configuration key (<c>--DemoData=false</c>) that starts the demo businesses empty; on by default, off in the AppHost's tests.</summary>
        public const string DemoDataKey = "DemoData";

        public static void AddResources(IDistributedApplicationBuilder builder)
        {
            // System of record and the Orleans/SignalR substrate; executables here, containers where Docker exists.
            var postgres = builder.AddAgentLocatorPostgres("postgres", databaseName: "agentlocator");
            var redis = builder.AddAgentLocatorRedis("redis");

            // One Orleans cluster whose membership and reminders live in Redis.
            var orleans = builder.AddOrleans("orleans")
                .WithClusterId("dev")
                .WithServiceId("agentlocator")
                .WithClustering(redis)
                .WithReminders(redis);

            // The API is also the silo: two replicas form one cluster, as production's several instances do.
            var twilioToken = SimulateCallCommand.TwilioToken(builder.Configuration);
            var api = builder.AddProject<Projects.AgentLocator_Api>("api")
                .WithHttpEndpoint(port: 5080, name: "http")
                .WithReplicas(2)
                // Development seeds the demo data and relaxes the production settings check; it has no launch profile to say so.
                .WithEnvironment("ASPNETCORE_ENVIRONMENT", builder.Environment.EnvironmentName)
                // A developer opens a business full of customers, calls and tasks (tests switch it off and start quick).
                .WithEnvironment("DemoData__Fill", builder.Configuration.GetValue(DemoDataKey, true) ? "true" : "false")
                // Kestrel would wait out the dev server's open proxy connections for 30 s on Ctrl+C; Orleans copes with less.
                .WithEnvironment("HostOptions__ShutdownTimeout", "00:00:08")
                .WithReference(postgres)
                .WithReference(orleans)
                .WaitFor(postgres)
                .WaitFor(redis)
                // Named so the simulate-call command signs its webhooks with the very token the API checks.
                .WithEnvironment("TWILIO_TOKEN", twilioToken)
                .WithHttpHealthCheck("/health")
                .WithUrlForEndpoint("http", url => url.DisplayText = "API")
                .WithUrl("/scalar", "API reference")
                .WithUrl("/dashboard", "Orleans dashboard");

            // Fake OpenAI, Google TTS and Twilio's REST API, so transcription, replies, speech and WhatsApp run locally without keys.
            if (builder.Configuration.GetValue<bool>(UseFakesKey))
            {
                var fakes = builder.AddFakeProviders("fakes", twilioToken);
                api.WithFakeProviders(fakes).WaitFor(fakes);
            }

            // The Vite dev server; it proxies /api, /ws, /webhook and /media to the API.
            var web = builder.AddExecutable("web", "npm", Path.Combine(builder.AppHostDirectory, "..", "AgentLocator.Web"), "run", "dev")
                .WithHttpEndpoint(port: 5173, env: "PORT")
                .WithReference(api)
                .WaitFor(api)
                .WithHttpHealthCheck("/")
                .WithUrlForEndpoint("http", url => url.DisplayText = "AgentLocator");

            // Links in e-mails, CORS and Twilio's signatures name the address agents browse to: the web app's.
            api.WithEnvironment("PUBLIC_HOST", web.GetEndpoint("http"))
                .WithEnvironment("CORS_ORIGINS", web.GetEndpoint("http"));

            api.WithSimulateCallCommand(web.GetEndpoint("http"), twilioToken)
                .WithSimulateWhatsAppCommand(web.GetEndpoint("http"), twilioToken)
                .WithResetDemoDataCommand();

            // The one line a developer looks for in the console, once everything behind it is healthy.
            builder.Eventing.Subscribe<ResourceReadyEvent>(web.Resource, (e, _) =>
            {
                e.Services.GetRequiredService<ILoggerFactory>().CreateLogger("AgentLocator")
                    .LogInformation("AgentLocator is ready at {Url} (sign in as admin@demo.local / Passw0rd!)", web.GetEndpoint("http").Url);
                return Task.CompletedTask;
            });
        }
    }
}
