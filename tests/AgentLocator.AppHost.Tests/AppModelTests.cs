using AgentLocator.AppHost.Commands;
using AgentLocator.AppHost.Resources;

namespace AgentLocator.AppHost.Tests;

/// <summary>Program.cs's topology, inspected as a model: nothing here starts a process.</summary>
public sealed class AppModelTests
{
    [Fact]
    public async Task Without_the_switch_the_model_is_postgres_redis_two_api_replicas_and_the_web_app()
    {
        using var temp = new TempDirectory();
        await using var builder = await AppHostFactory.CreateAsync(temp.Path);

        Assert.Equal(["postgres", "agentlocator", "redis", "api", "web"], builder.Resources.Where(IsOurs).Select(r => r.Name));
        var api = Resource<ProjectResource>(builder, "api");
        Assert.Equal(2, api.Annotations.OfType<ReplicaAnnotation>().Single().Replicas);
        Assert.Equal(["postgres", "agentlocator", "redis"], WaitsFor(api));
        Assert.Equal(["api"], WaitsFor(Resource<ExecutableResource>(builder, "web")));
        Assert.Equal([SimulateCallCommand.Name, ResetDemoDataCommand.Name],
            api.Annotations.OfType<ResourceCommandAnnotation>().Select(c => c.Name).Where(n => n is SimulateCallCommand.Name or ResetDemoDataCommand.Name));

        // Postgres and Redis keep their data under the data directory (.agentlocator/ by default).
        Assert.Equal(Path.Combine(temp.Path, "postgres"), Resource<PostgresServerResource>(builder, "postgres").DataDirectory);
        Assert.Equal(Path.Combine(temp.Path, "redis"), Resource<RedisResource>(builder, "redis").DataDirectory);
        Assert.Same(Resource<PostgresServerResource>(builder, "postgres"), Resource<PostgresDatabaseResource>(builder, "agentlocator").Parent);
    }

    [Fact]
    public async Task The_switch_adds_the_fakes_and_the_api_waits_for_them()
    {
        using var temp = new TempDirectory();
        await using var builder = await AppHostFactory.CreateAsync(temp.Path, $"--{AppModel.UseFakesKey}=true");

        var fakes = Resource<ProjectResource>(builder, "fakes");
        Assert.EndsWith("AgentLocator.FakeProviders.csproj", fakes.GetProjectMetadata().ProjectPath);
        Assert.Contains("fakes", WaitsFor(Resource<ProjectResource>(builder, "api")));
    }

    [Fact]
    public async Task The_api_offers_a_simulated_WhatsApp_message_and_with_the_switch_its_Twilio_is_the_fake()
    {
        using var temp = new TempDirectory();
        await using var builder = await AppHostFactory.CreateAsync(temp.Path, $"--{AppModel.UseFakesKey}=true");

        var api = Resource<ProjectResource>(builder, "api");
        var command = Assert.Single(api.Annotations.OfType<ResourceCommandAnnotation>(), c => c.Name == SimulateWhatsAppCommand.Name);
        Assert.Equal("Simulate a WhatsApp message", command.DisplayName);
        // Publish mode renders endpoint references as expressions, so nothing needs to be running to read them. (The call is
        // marked obsolete in favour of an execution-configuration builder; it still evaluates the same callbacks.)
#pragma warning disable CS0618
        var apiEnvironment = await api.GetEnvironmentVariableValuesAsync(DistributedApplicationOperation.Publish);
        Assert.Equal(FakeProviders.TwilioAccountSid, apiEnvironment["Twilio__AccountSid"]);
        Assert.Contains("fakes", apiEnvironment["Twilio__ApiBaseUrl"]);
        var fakesEnvironment = await Resource<ProjectResource>(builder, "fakes").GetEnvironmentVariableValuesAsync(DistributedApplicationOperation.Publish);
#pragma warning restore CS0618
        // The fake signs its status callbacks with the very token the API checks, handed over in the environment.
        Assert.Equal(apiEnvironment["TWILIO_TOKEN"], fakesEnvironment["TWILIO_TOKEN"]);
        Assert.Equal(FakeProviders.TwilioAccountSid, fakesEnvironment["TWILIO_SID"]);
    }

    [Fact]
    public void The_whatsapp_simulator_is_pointed_at_the_api_sends_a_voice_note_and_a_photo_and_keeps_the_token_off_its_command_line()
    {
        var arguments = SimulateWhatsAppCommand.Arguments("http://localhost:5080", "http://localhost:5173");

        Assert.Equal(["--api", "http://localhost:5080", "--public-host", "http://localhost:5173", "--voice-note", "--photo"], arguments);
        var parsed = AgentLocator.CallSimulator.WhatsAppCommandLine.Parse(arguments, name => name == "TWILIO_TOKEN" ? "the-token" : null);
        Assert.Equal(("the-token", "http://localhost:5173"), (parsed.Options.AuthToken, parsed.Options.PublicHost));
        Assert.True(parsed.Options.Photo && parsed.WantsVoiceNote);
    }

    [Fact]
    public void The_token_is_what_the_developer_exported_else_the_apis_development_default()
    {
        Assert.Equal("development-twilio-token", SimulateCallCommand.TwilioToken(_ => null));
        Assert.Equal("from-alias", SimulateCallCommand.TwilioToken(name => name == "TWILIO_TOKEN" ? "from-alias" : null));
        // The API reads the .NET key before the alias, so the simulator must too.
        Assert.Equal("from-key", SimulateCallCommand.TwilioToken(name => name switch
        {
            "TWILIO_TOKEN" => "from-alias",
            "Twilio__AuthToken" => "from-key",
            _ => null,
        }));
        Assert.Equal("development-twilio-token", SimulateCallCommand.TwilioToken(_ => " "));
    }

    [Fact]
    public void The_simulator_is_pointed_at_the_api_and_signs_for_the_public_host_without_the_token_on_its_command_line()
    {
        var arguments = SimulateCallCommand.Arguments("http://localhost:5080", "http://localhost:5173");

        Assert.Equal(["--api", "http://localhost:5080", "--public-host", "http://localhost:5173", "--speed", "0"], arguments);
        Assert.DoesNotContain(arguments, a => a.Contains("token", StringComparison.OrdinalIgnoreCase));
    }

    // Aspire adds parameters and a hidden "api-rebuilder" of its own.
    private static bool IsOurs(IResource resource) => resource is not ParameterResource && !resource.Name.EndsWith("-rebuilder", StringComparison.Ordinal);

    private static T Resource<T>(IDistributedApplicationTestingBuilder builder, string name) where T : IResource =>
        Assert.IsType<T>(builder.Resources.Single(r => r.Name == name), exactMatch: false);

    private static IEnumerable<string> WaitsFor(IResource resource) =>
        resource.Annotations.OfType<WaitAnnotation>().Select(w => w.Resource.Name);
}
