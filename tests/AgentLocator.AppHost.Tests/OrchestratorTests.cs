using AgentLocator.AppHost.Hosting;

namespace AgentLocator.AppHost.Tests;

public sealed class OrchestratorTests
{
    [Fact]
    public async Task Starts_in_dependency_order_and_stops_in_reverse_order()
    {
        using var temp = new TempDirectory();
        var order = temp.Combine("stop-order.txt");
        var first = LongRunning("first", temp.Path, order);
        var second = LongRunning("second", temp.Path, order);
        var third = LongRunning("third", temp.Path, order);
        second.WaitsFor.Add(first);
        third.WaitsFor.Add(second);

        await using var orchestrator = new ResourceOrchestrator([third, second, first]);
        try
        {
            Assert.True(await orchestrator.StartAllAsync());
            Assert.Equal(["first", "second", "third"], orchestrator.StartOrder.Select(r => r.Name));
            // The TERM trap must be installed before the stop is sent, or bash dies without writing.
            Assert.True(await Eventually.TrueAsync(() => new[] { first, second, third }.All(
                r => r.Logs.Recent().Any(l => l.Stream == LogStream.Out && l.Text == "ready"))));
            var pids = new[] { first, second, third }.Select(r => Assert.IsType<int>(r.Pid)).ToArray();

            await orchestrator.ShutdownAsync();

            Assert.Equal(["third", "second", "first"], File.ReadAllLines(order));
            foreach (var pid in pids)
            {
                await ProcessAssert.GoneAsync(pid);
            }

            Assert.All([first, second, third], r => Assert.Equal(ResourceState.Stopped, r.State));
        }
        finally
        {
            orchestrator.KillAll();
        }
    }

    [Fact]
    public async Task A_crashing_resource_shows_failed_with_its_last_lines_and_can_be_restarted()
    {
        using var temp = new TempDirectory();
        // Crashes the first time, runs the second: a fix made between the crash and the restart.
        var flaky = new ExecutableResource("flaky", "bash",
            ["-c", "if [ -f fixed ]; then echo fine; exec sleep 300; else touch fixed; echo boom; exit 3; fi"], temp.Path);
        var dependent = new ExecutableResource("dependent", "sleep", ["300"], temp.Path);
        dependent.WaitsFor.Add(flaky);
        flaky.HealthCheck = _ => Task.FromResult(File.Exists(Path.Combine(temp.Path, "fixed")) && flaky.Printed("fine")
            ? HealthResult.Healthy()
            : HealthResult.Unhealthy("not yet"));

        await using var orchestrator = new ResourceOrchestrator([flaky, dependent]);
        try
        {
            Assert.False(await orchestrator.StartAllAsync());
            Assert.True(await Eventually.TrueAsync(() => flaky.State == ResourceState.Failed));
            Assert.Contains("code 3", flaky.StateDetail);
            Assert.True(await Eventually.TrueAsync(() => flaky.Printed("boom")), "the last output survives the crash");
            Assert.Null(flaky.Pid);
            Assert.Equal(ResourceState.Waiting, dependent.State);
            Assert.Null(dependent.Pid);

            await orchestrator.RestartAsync(flaky);

            Assert.Equal(ResourceState.Healthy, flaky.State);
            var pid = Assert.IsType<int>(flaky.Pid);
            // What was blocked on the failed resource starts once it is healthy.
            Assert.True(await Eventually.TrueAsync(() => dependent.State == ResourceState.Running), $"dependent is {dependent.State}");

            await orchestrator.ShutdownAsync();
            await ProcessAssert.GoneAsync(pid);
        }
        finally
        {
            orchestrator.KillAll();
        }
    }

    [Fact]
    public async Task Stopping_a_resource_also_stops_the_processes_it_spawned()
    {
        using var temp = new TempDirectory();
        // Like npm → sh → vite: the parent ignores SIGTERM-forwarding entirely; only a group signal reaches the child.
        var parent = new ExecutableResource("tree", "bash", ["-c", "sleep 300 & echo child=$!; wait"], temp.Path);
        await using var orchestrator = new ResourceOrchestrator([parent]);
        try
        {
            Assert.True(await orchestrator.StartAllAsync());
            // Only the process's own output: the AppHost's "starting: …" line quotes the command text too.
            static bool IsChildLine(LogLine l) => l.Stream == LogStream.Out && l.Text.StartsWith("child=", StringComparison.Ordinal);
            Assert.True(await Eventually.TrueAsync(() => parent.Logs.Recent().Any(IsChildLine)));
            var childLine = parent.Logs.Recent().First(IsChildLine).Text;
            var child = int.Parse(childLine["child=".Length..]);
            var pid = Assert.IsType<int>(parent.Pid);

            await orchestrator.StopAsync(parent);

            await ProcessAssert.GoneAsync(pid);
            await ProcessAssert.GoneAsync(child);
            Assert.Equal(ResourceState.Stopped, parent.State);
        }
        finally
        {
            orchestrator.KillAll();
        }
    }

    private static ExecutableResource LongRunning(string name, string directory, string orderFile) =>
        new(name, "bash", ["-c", $"trap 'echo {name} >> {orderFile}; exit 0' TERM; echo ready; while true; do sleep 0.1; done"], directory);
}
