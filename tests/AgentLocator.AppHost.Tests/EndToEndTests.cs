using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using AgentLocator.AppHost.Commands;
using AgentLocator.CallSimulator;
using Microsoft.Extensions.DependencyInjection;

namespace AgentLocator.AppHost.Tests;

/// <summary>The whole AppHost, started once for the class: Postgres, Redis, the fakes, two API replicas and Vite.</summary>
public sealed class RunningAppHost : IAsyncLifetime
{
    private readonly TempDirectory _data = new();

    public DistributedApplication App { get; private set; } = null!;

    public Uri Web => App.GetEndpoint("web", "http");

    public Uri Api => App.GetEndpoint("api", "http");

    public async Task InitializeAsync()
    {
        var builder = await AppHostFactory.CreateAsync(_data.Path, $"--{AppModel.UseFakesKey}=true");
        App = await builder.BuildAsync();
        await App.StartAsync();
        // The web app waits for the API, which waits for Postgres, Redis and the fakes: healthy web means all are.
        await AppHostFactory.WaitHealthyAsync(App, ["postgres", "agentlocator", "redis", "fakes", "web"]);
    }

    public async Task DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        _data.Dispose();
    }

    public HttpClient Client(Uri baseAddress) => new() { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };

    public async Task<string> SignInThroughWebAsync()
    {
        using var http = Client(Web);
        using var response = await http.PostAsJsonAsync("/api/auth/login", new { email = "admin@demo.local", password = "Passw0rd!" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
    }

    /// <summary>The ids of the API's replicas (api-xxxx), each a row of its own in the dashboard.</summary>
    public async Task<IReadOnlyList<string>> ApiReplicasAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var replicas = new SortedSet<string>();
        await foreach (var update in App.ResourceNotifications.WatchAsync(timeout.Token))
        {
            if (update.Resource.Name == "api" && replicas.Add(update.ResourceId) && replicas.Count == 2)
            {
                break;
            }
        }

        return [.. replicas];
    }

    /// <summary>The demo business's call log, as the web app reads it (through Vite's proxy).</summary>
    public async Task<IReadOnlyList<string>> CallersInTheLogAsync()
    {
        using var http = Client(Web);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await SignInThroughWebAsync());
        var page = await http.GetFromJsonAsync<JsonElement>("/api/calls?limit=100");
        return [.. page.GetProperty("items").EnumerateArray().Select(call => call.GetProperty("from").GetString()!)];
    }
}

public sealed class EndToEndTests(RunningAppHost host) : IClassFixture<RunningAppHost>
{
    [Fact]
    public async Task The_two_api_replicas_are_healthy_and_form_one_orleans_cluster()
    {
        Assert.Equal(2, (await host.ApiReplicasAsync()).Count);

        using var http = host.Client(host.Api);
        var description = "";
        for (var attempt = 0; attempt < 60 && !description.Contains("2 active silo(s)", StringComparison.Ordinal); attempt++)
        {
            var health = await http.GetFromJsonAsync<JsonElement>("/health");
            description = health.GetProperty("checks").GetProperty("orleans-silo").GetProperty("description").GetString() ?? "";
            await Task.Delay(TimeSpan.FromSeconds(1));
        }

        Assert.Contains("2 active silo(s)", description);
    }

    [Fact]
    public async Task An_agent_signs_in_through_the_web_apps_url()
    {
        var token = await host.SignInThroughWebAsync();

        Assert.False(string.IsNullOrWhiteSpace(token));
        using var http = host.Client(host.Web);
        Assert.Contains("<div id=\"root\"", await http.GetStringAsync("/"));
    }

    [Fact]
    public async Task A_signed_call_played_against_the_api_appears_in_the_call_log()
    {
        var caller = UniqueCaller();
        var output = new StringWriter();

        var result = await new CallSimulation().RunAsync(new SimulationOptions
        {
            Api = host.Api,
            // What the AppHost hands the API as PUBLIC_HOST, so the signature is computed over the URL the API checks.
            PublicHost = host.Web.ToString().TrimEnd('/'),
            AuthToken = SimulateCallCommand.DevelopmentTwilioToken,
            From = caller,
            Turns = [new CallerTurn(CallerVoices.Voice(TimeSpan.FromSeconds(2)))],
            RecordingDownloadWait = TimeSpan.FromSeconds(5),
        }, output);

        Assert.True(result.Succeeded, result.FailureReason + "\n" + output);
        Assert.Contains(caller, await host.CallersInTheLogAsync());
    }

    [Fact]
    public async Task The_dashboard_commands_simulate_a_call_and_reset_the_demo_data()
    {
        var commands = host.App.Services.GetRequiredService<ResourceCommandService>();
        var replicas = await host.ApiReplicasAsync();
        var before = (await host.CallersInTheLogAsync()).Count;

        // As a click on one replica's row does.
        var simulated = await commands.ExecuteCommandAsync(replicas[0], SimulateCallCommand.Name);

        Assert.True(simulated.Success, simulated.Message);
        Assert.Equal(before + 1, (await host.CallersInTheLogAsync()).Count);

        var reset = await commands.ExecuteCommandAsync(replicas[1], ResetDemoDataCommand.Name);

        Assert.True(reset.Success, reset.Message);
        await AppHostFactory.WaitHealthyAsync(host.App, ["web"]);
        // The restarted API migrated the new, empty database and seeded the demo users again.
        Assert.Empty(await EventuallyAsync(host.CallersInTheLogAsync));
    }

    [Fact]
    public async Task The_dashboard_simulates_a_WhatsApp_message_and_a_reply_through_the_fake_Twilio_reaches_read()
    {
        var commands = host.App.Services.GetRequiredService<ResourceCommandService>();
        var replicas = await host.ApiReplicasAsync();

        // Text, a voice note and a photo from the simulator's default customer to the demo business's sender.
        var simulated = await commands.ExecuteCommandAsync(replicas[0], SimulateWhatsAppCommand.Name);
        Assert.True(simulated.Success, simulated.Message);

        using var http = host.Client(host.Web);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await host.SignInThroughWebAsync());
        var customers = await http.GetFromJsonAsync<JsonElement>($"/api/crm/customers?q={Uri.EscapeDataString(SimulationOptions.DefaultFrom)}");
        var customerId = customers.GetProperty("items").EnumerateArray().Single().GetProperty("id").GetString();
        var thread = $"/api/whatsapp/customers/{customerId}/messages";
        var inbound = (await http.GetFromJsonAsync<JsonElement>(thread)).GetProperty("items")[0];
        Assert.Equal(WhatsAppSimulationOptions.DefaultText, inbound.GetProperty("body").GetString());
        // The fake OpenAI transcribes the voice note: the copy and the transcription run off the webhook's path.
        await EventuallyAsync(async () =>
        {
            var latest = (await http.GetFromJsonAsync<JsonElement>(thread)).GetProperty("items")[0];
            Assert.Equal(JsonValueKind.String, latest.GetProperty("transcript").ValueKind);
            Assert.All(latest.GetProperty("media").EnumerateArray(), item => Assert.Equal(JsonValueKind.String, item.GetProperty("url").ValueKind));
            return latest;
        });

        // The window is open: the agent replies, the fake Twilio accepts it and reports sent → delivered → read, signed.
        using var reply = await http.PostAsJsonAsync(thread, new { body = "שלום! נחזור אליך עוד היום" });
        Assert.Equal(HttpStatusCode.Created, reply.StatusCode);
        var replyId = (await reply.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        await EventuallyAsync(async () =>
        {
            var sent = (await http.GetFromJsonAsync<JsonElement>(thread)).GetProperty("items").EnumerateArray().Single(m => m.GetProperty("id").GetString() == replyId);
            Assert.Equal("read", sent.GetProperty("status").GetString());
            return sent;
        });
    }

    private static string UniqueCaller() => "+9725" + Random.Shared.Next(10_000_000, 99_999_999);

    /// <summary>The API replicas take a moment to come back after a restart; until then the web proxy answers 502.</summary>
    private static async Task<T> EventuallyAsync<T>(Func<Task<T>> read)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await read();
            }
            catch (Exception e) when (attempt < 90 && e is HttpRequestException or Xunit.Sdk.XunitException or TaskCanceledException)
            {
                await Task.Delay(TimeSpan.FromSeconds(1));
            }
        }
    }
}
