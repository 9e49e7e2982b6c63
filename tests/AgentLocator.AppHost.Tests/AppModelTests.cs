using System.Globalization;
using System.Net;
using AgentLocator.AppHost.Hosting;

namespace AgentLocator.AppHost.Tests;

/// <summary>Program.cs's topology, inspected as a model: nothing here starts a process.</summary>
public sealed class AppModelTests
{
    private static readonly string[] FakeAiPrints =
    [
        "# Fake OpenAI, Google and Twilio at http://127.0.0.1:5099/. Point the API at them with:",
        "export OPENAI_API_KEY='sk-fake-agentlocator'",
        "export OPENAI_BASE_URL='http://127.0.0.1:5099/v1'",
        "export GOOGLE_APPLICATION_CREDENTIALS='/tmp/agentlocator-fake-google-abc123/service-account.json'",
        "export Google__TextToSpeechEndpoint='http://127.0.0.1:5099'",
    ];

    [Fact]
    public void The_fake_ai_flag_is_parsed_with_the_others()
    {
        Assert.False(AppHostOptions.Parse([], _ => null).FakeAi);
        var options = AppHostOptions.Parse(["--no-web", "--fake-ai", "--dashboard-port", "20002"], _ => null);
        Assert.True(options.FakeAi);
        Assert.True(options.NoWeb);
        Assert.Equal(20002, options.DashboardPort);
        Assert.Contains("--fake-ai", AppHostOptions.Usage);
    }

    [Fact]
    public void Without_the_flag_there_is_no_fake_and_the_api_gets_no_AI_settings()
    {
        var model = Model();
        Assert.Equal(["postgres", "redis", "api", "web"], model.Resources.Select(r => r.Name));
        var api = Api(model);
        Assert.All(FakeAiResource.ApiVariables, variable => Assert.Null(api.GetEnvironmentValue(variable)));
    }

    [Fact]
    public async Task The_flag_adds_the_fake_on_its_own_port_and_the_api_waits_for_it_and_gets_what_it_printed()
    {
        var model = Model("--fake-ai", "--no-web");
        Assert.Equal(["postgres", "redis", "fake-ai", "api"], model.Resources.Select(r => r.Name));
        var fake = Assert.IsType<ProjectResource>(model.Resources.Single(r => r.Name == "fake-ai"));
        Assert.EndsWith("tests/AgentLocator.FakeProviders/AgentLocator.FakeProviders.csproj", fake.ProjectFile);
        Assert.True(File.Exists(fake.ProjectFile));
        Assert.Equal(["--port", fake.HttpEndpoint.Port.ToString(CultureInfo.InvariantCulture)], fake.Arguments);
        Assert.Equal(Posix.SigInt, fake.StopSignal);
        var api = Api(model);
        Assert.Contains(fake, api.WaitsFor);

        // Until the fake has printed its settings the API cannot be launched with half of them.
        Assert.Throws<InvalidOperationException>(() => api.GetEnvironmentValue("GOOGLE_APPLICATION_CREDENTIALS"));
        var health = Assert.IsType<Func<CancellationToken, Task<HealthResult>>>(fake.HealthCheck);
        Assert.False((await health(CancellationToken.None)).IsHealthy);

        using (ServeOk(fake.HttpEndpoint.Port))
        {
            var listening = await health(CancellationToken.None);
            Assert.False(listening.IsHealthy);
            Assert.Contains("not printed", listening.Detail);

            foreach (var line in FakeAiPrints)
            {
                fake.Logs.Add(LogStream.Out, line);
            }

            Assert.True((await health(CancellationToken.None)).IsHealthy);
        }

        Assert.Equal("sk-fake-agentlocator", api.GetEnvironmentValue("OPENAI_API_KEY"));
        Assert.Equal("http://127.0.0.1:5099/v1", api.GetEnvironmentValue("OPENAI_BASE_URL"));
        Assert.Equal("/tmp/agentlocator-fake-google-abc123/service-account.json", api.GetEnvironmentValue("GOOGLE_APPLICATION_CREDENTIALS"));
        Assert.Equal("http://127.0.0.1:5099", api.GetEnvironmentValue("Google__TextToSpeechEndpoint"));

        // A restarted fake writes a new key file; the next API start gets the new path.
        fake.Logs.Add(LogStream.Out, "export GOOGLE_APPLICATION_CREDENTIALS='/tmp/agentlocator-fake-google-def456/service-account.json'");
        Assert.Equal("/tmp/agentlocator-fake-google-def456/service-account.json", api.GetEnvironmentValue("GOOGLE_APPLICATION_CREDENTIALS"));
    }

    [Fact]
    public void Services_only_with_the_flag_runs_the_fake_for_an_api_started_elsewhere()
    {
        var model = Model("--services-only", "--fake-ai");
        Assert.Equal(["postgres", "redis", "fake-ai"], model.Resources.Select(r => r.Name));
    }

    [Fact]
    public void The_api_offers_the_call_simulator_with_the_public_host_and_token_it_was_given()
    {
        var withWeb = Model();
        var api = Api(withWeb);
        var web = (NpmAppResource)withWeb.Resources.Single(r => r.Name == "web");
        var command = Assert.Single(api.Commands);
        Assert.Equal(("simulate-call", "Simulate a call"), (command.Name, command.DisplayName));
        Assert.Equal(web.HttpEndpoint.BrowserUrl, api.GetEnvironmentValue("PUBLIC_HOST"));
        Assert.Equal(CallSimulatorCommand.TwilioToken(Environment.GetEnvironmentVariable), api.GetEnvironmentValue("TWILIO_TOKEN"));

        var simulator = new CallSimulatorCommand(api, withWeb.ResolvePath("tools/AgentLocator.CallSimulator/AgentLocator.CallSimulator.csproj"));
        Assert.Equal(["--api", api.HttpEndpoint.Url, "--public-host", web.HttpEndpoint.BrowserUrl, "--speed", "0"], simulator.Arguments);
        Assert.Equal(api.GetEnvironmentValue("TWILIO_TOKEN"), simulator.Token);
        Assert.DoesNotContain(simulator.Token, simulator.Arguments);

        // Without the web app the API is its own public host, and the simulator signs for that.
        var apiOnly = Api(Model("--no-web"));
        Assert.Equal(apiOnly.HttpEndpoint.BrowserUrl, apiOnly.GetEnvironmentValue("PUBLIC_HOST"));
        Assert.Equal(apiOnly.HttpEndpoint.BrowserUrl, new CallSimulatorCommand(apiOnly, "unused.csproj").PublicHost);
    }

    [Fact]
    public void The_token_is_what_the_developer_exported_else_the_apis_development_default()
    {
        Assert.Equal("development-twilio-token", CallSimulatorCommand.TwilioToken(_ => null));
        Assert.Equal("from-alias", CallSimulatorCommand.TwilioToken(name => name == "TWILIO_TOKEN" ? "from-alias" : null));
        // The API reads the .NET key before the alias, so the simulator must too.
        Assert.Equal("from-key", CallSimulatorCommand.TwilioToken(name => name switch
        {
            "TWILIO_TOKEN" => "from-alias",
            "Twilio__AuthToken" => "from-key",
            _ => null,
        }));
        Assert.Equal("development-twilio-token", CallSimulatorCommand.TwilioToken(_ => " "));
    }

    [Fact]
    public async Task Simulating_a_call_before_the_api_runs_fails_with_a_reason_and_starts_nothing()
    {
        var api = Api(Model("--no-web"));
        var command = Assert.Single(api.Commands);

        var outcome = await command.TryStart(api, CancellationToken.None)!;

        Assert.False(outcome.Success);
        Assert.Equal("api is waiting; start it first", outcome.Message);
    }

    private static DistributedApplicationBuilder Model(params string[] args)
    {
        var builder = new DistributedApplicationBuilder(AppHostOptions.Parse(args, _ => null), RepoRoot.Find());
        Program.AddResources(builder);
        return builder;
    }

    private static ProjectResource Api(DistributedApplicationBuilder model) =>
        Assert.IsType<ProjectResource>(model.Resources.Single(r => r.Name == "api"));

    /// <summary>Something answering 200 on the fake's port, standing in for its HTTP side.</summary>
    private static HttpListener ServeOk(int port)
    {
        var listener = new HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        _ = Task.Run(async () =>
        {
            while (listener.IsListening)
            {
                try
                {
                    var context = await listener.GetContextAsync();
                    context.Response.StatusCode = 200;
                    context.Response.Close();
                }
                catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
                {
                    return;
                }
            }
        });
        return listener;
    }
}
