using System.Net;
using System.Text.Json;
using AgentLocator.AppHost.Hosting;

namespace AgentLocator.AppHost.Tests;

public sealed class DashboardTests
{
    [Fact]
    public async Task Serves_the_page_resource_states_logs_a_log_stream_and_restart()
    {
        using var temp = new TempDirectory();
        var sleeper = new ExecutableResource("sleeper", "bash", ["-c", "echo hello-from-sleeper; exec sleep 300"], temp.Path);
        var crasher = new ExecutableResource("crasher", "bash", ["-c", "echo boom; exit 3"], temp.Path);
        await using var orchestrator = new ResourceOrchestrator([sleeper, crasher]);
        var port = new PortFinder().Allocate();
        await using var dashboard = await DashboardServer.StartAsync(orchestrator, port);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) };
        try
        {
            await orchestrator.StartAllAsync();
            Assert.True(await Eventually.TrueAsync(() => crasher.State == ResourceState.Failed));

            var page = await http.GetStringAsync("/");
            Assert.Contains("<title>AgentLocator AppHost</title>", page);
            Assert.DoesNotContain("https://", page);

            using var list = JsonDocument.Parse(await http.GetStringAsync("/api/resources"));
            var states = list.RootElement.EnumerateArray().ToDictionary(r => r.GetProperty("name").GetString()!, r => r);
            Assert.Equal("Running", states["sleeper"].GetProperty("state").GetString());
            Assert.True(states["sleeper"].GetProperty("pid").GetInt32() > 0);
            Assert.Equal("Failed", states["crasher"].GetProperty("state").GetString());
            Assert.Contains("code 3", states["crasher"].GetProperty("stateDetail").GetString());

            Assert.True(await Eventually.TrueAsync(async () => (await http.GetStringAsync("/api/resources/crasher/logs")).Contains("\"stream\":\"out\",\"text\":\"boom\"")));
            Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/api/resources/nope")).StatusCode);

            using (var stream = await http.GetStreamAsync("/api/resources/sleeper/logs/stream"))
            using (var reader = new StreamReader(stream))
            {
                var sawHello = false;
                while (!sawHello && await reader.ReadLineAsync() is { } line)
                {
                    sawHello = line.StartsWith("data: ", StringComparison.Ordinal) && line.Contains("hello-from-sleeper");
                }

                Assert.True(sawHello);
            }

            var pidBefore = sleeper.Pid;
            var restart = await http.PostAsync("/api/resources/sleeper/restart", null);
            Assert.Equal(HttpStatusCode.Accepted, restart.StatusCode);
            Assert.True(await Eventually.TrueAsync(() => sleeper.State == ResourceState.Running && sleeper.Pid is { } pid && pid != pidBefore));

            var crossSite = new HttpRequestMessage(HttpMethod.Post, "/api/resources/sleeper/restart");
            crossSite.Headers.Add("Origin", "http://evil.example");
            Assert.Equal(HttpStatusCode.Forbidden, (await http.SendAsync(crossSite)).StatusCode);
        }
        finally
        {
            await orchestrator.ShutdownAsync();
            orchestrator.KillAll();
        }
    }
}
