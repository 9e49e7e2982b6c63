using System.Net;
using System.Text.Json;
using AgentLocator.AppHost.Hosting;

namespace AgentLocator.AppHost.Tests;

public sealed class CommandTests
{
    [Fact]
    public async Task The_endpoint_runs_a_command_and_reports_success_failure_and_a_run_already_in_progress()
    {
        using var temp = new TempDirectory();
        var app = new DistributedApplicationBuilder(new AppHostOptions(), temp.Path);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var builder = app.AddExecutable("sleeper", "sleep", temp.Path, "300")
            .WithCommand("greet", "Say hello", context =>
            {
                context.Resource.Logs.Add(LogStream.Out, "hello from the command");
                return Task.FromResult(ExecuteCommandResult.Succeeded("said hello"));
            })
            .WithCommand("break", "Fail on purpose", _ => Task.FromResult(ExecuteCommandResult.Failed("it broke")))
            .WithCommand("throw", "Throw", _ => throw new InvalidOperationException("a bug in the command"))
            .WithCommand("slow", "Wait for the test", async _ =>
            {
                await release.Task;
                return ExecuteCommandResult.Succeeded();
            });
        Assert.Throws<InvalidOperationException>(() => builder.WithCommand("greet", "Again", _ => Task.FromResult(ExecuteCommandResult.Succeeded())));

        var sleeper = builder.Resource;
        await using var orchestrator = new ResourceOrchestrator(app.Resources);
        var port = new PortFinder().Allocate();
        await using var dashboard = await DashboardServer.StartAsync(orchestrator, port);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) };

        using (var greet = await PostJsonAsync(http, "/api/resources/sleeper/commands/greet", HttpStatusCode.OK))
        {
            Assert.True(greet.RootElement.GetProperty("success").GetBoolean());
            Assert.Equal("said hello", greet.RootElement.GetProperty("message").GetString());
        }

        Assert.True(sleeper.Printed("hello from the command"));
        Assert.Contains(sleeper.Logs.Recent(), l => l.Stream == LogStream.AppHost && l.Text == "command 'Say hello' succeeded: said hello");

        using (var broken = await PostJsonAsync(http, "/api/resources/sleeper/commands/break", HttpStatusCode.OK))
        {
            Assert.False(broken.RootElement.GetProperty("success").GetBoolean());
            Assert.Equal("it broke", broken.RootElement.GetProperty("message").GetString());
        }

        using (var thrown = await PostJsonAsync(http, "/api/resources/sleeper/commands/throw", HttpStatusCode.OK))
        {
            Assert.False(thrown.RootElement.GetProperty("success").GetBoolean());
            Assert.Contains("a bug in the command", thrown.RootElement.GetProperty("message").GetString());
        }

        var slow = http.PostAsync("/api/resources/sleeper/commands/slow", null);
        var slowCommand = sleeper.FindCommand("slow")!;
        Assert.True(await Eventually.TrueAsync(() => slowCommand.IsRunning, 10));
        using (var busy = await PostJsonAsync(http, "/api/resources/sleeper/commands/slow", HttpStatusCode.Conflict))
        {
            Assert.Contains("already running", busy.RootElement.GetProperty("detail").GetString());
        }

        // Another command of the same resource is not held up by the one running.
        using (await PostJsonAsync(http, "/api/resources/sleeper/commands/greet", HttpStatusCode.OK))
        {
        }

        release.SetResult();
        Assert.Equal(HttpStatusCode.OK, (await slow).StatusCode);
        Assert.False(slowCommand.IsRunning);
        using (await PostJsonAsync(http, "/api/resources/sleeper/commands/slow", HttpStatusCode.OK))
        {
        }

        Assert.Equal(HttpStatusCode.NotFound, (await http.PostAsync("/api/resources/sleeper/commands/nope", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.PostAsync("/api/resources/nope/commands/greet", null)).StatusCode);
        var crossSite = new HttpRequestMessage(HttpMethod.Post, "/api/resources/sleeper/commands/greet");
        crossSite.Headers.Add("Origin", "http://evil.example");
        Assert.Equal(HttpStatusCode.Forbidden, (await http.SendAsync(crossSite)).StatusCode);
    }

    [Fact]
    public async Task The_dashboard_lists_a_resources_commands_with_their_state_and_last_outcome()
    {
        using var temp = new TempDirectory();
        var app = new DistributedApplicationBuilder(new AppHostOptions(), temp.Path);
        app.AddExecutable("with-commands", "sleep", temp.Path, "300")
            .WithCommand("greet", "Say hello", _ => Task.FromResult(ExecuteCommandResult.Failed("nobody listened")), "Says hello to the log");
        app.AddExecutable("without", "sleep", temp.Path, "300");
        await using var orchestrator = new ResourceOrchestrator(app.Resources);
        var port = new PortFinder().Allocate();
        await using var dashboard = await DashboardServer.StartAsync(orchestrator, port);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) };

        var page = await http.GetStringAsync("/");
        // The page draws a button per listed command and posts to the command endpoint when one is clicked.
        Assert.Contains("function commandButtons(r)", page);
        Assert.Contains("/commands/${encodeURIComponent(command.name)}", page);

        using (var before = JsonDocument.Parse(await http.GetStringAsync("/api/resources")))
        {
            var resources = before.RootElement.EnumerateArray().ToDictionary(r => r.GetProperty("name").GetString()!);
            var command = Assert.Single(resources["with-commands"].GetProperty("commands").EnumerateArray());
            Assert.Equal("greet", command.GetProperty("name").GetString());
            Assert.Equal("Say hello", command.GetProperty("displayName").GetString());
            Assert.Equal("Says hello to the log", command.GetProperty("description").GetString());
            Assert.False(command.GetProperty("running").GetBoolean());
            Assert.Equal(JsonValueKind.Null, command.GetProperty("lastOutcome").ValueKind);
            Assert.Empty(resources["without"].GetProperty("commands").EnumerateArray());
        }

        using (await PostJsonAsync(http, "/api/resources/with-commands/commands/greet", HttpStatusCode.OK))
        {
        }

        using var after = JsonDocument.Parse(await http.GetStringAsync("/api/resources/with-commands"));
        var outcome = after.RootElement.GetProperty("commands")[0].GetProperty("lastOutcome");
        Assert.False(outcome.GetProperty("success").GetBoolean());
        Assert.Equal("nobody listened", outcome.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Shutdown_cancels_a_running_command_and_waits_for_it()
    {
        using var temp = new TempDirectory();
        var app = new DistributedApplicationBuilder(new AppHostOptions(), temp.Path);
        var resource = app.AddExecutable("sleeper", "sleep", temp.Path, "300")
            .WithCommand("forever", "Run until stopped", async context =>
            {
                await Task.Delay(Timeout.Infinite, context.CancellationToken);
                return ExecuteCommandResult.Succeeded();
            })
            .Resource;
        await using var orchestrator = new ResourceOrchestrator(app.Resources);
        var run = resource.FindCommand("forever")!.TryStart(resource, orchestrator.Stopping)!;
        Assert.False(run.IsCompleted);

        await orchestrator.ShutdownAsync();

        Assert.True(run.IsCompleted);
        var outcome = await run;
        Assert.False(outcome.Success);
        Assert.Equal("cancelled: the AppHost is stopping", outcome.Message);
    }

    private static async Task<JsonDocument> PostJsonAsync(HttpClient http, string path, HttpStatusCode expected)
    {
        using var response = await http.PostAsync(path, null);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"POST {path}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body);
    }
}
