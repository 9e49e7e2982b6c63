using AgentLocator.AppHost.Hosting;

namespace AgentLocator.AppHost.Tests;

public sealed class RedisResourceTests
{
    [Fact]
    public async Task Answers_ping_persists_to_the_append_only_file_and_stops_cleanly()
    {
        using var temp = new TempDirectory();
        var dataDirectory = temp.Combine("redis");
        var ports = new PortFinder();

        var first = new RedisResource("redis", dataDirectory, ports.Allocate());
        int pid;
        await using (var orchestrator = new ResourceOrchestrator([first]))
        {
            Assert.True(await orchestrator.StartAllAsync(), string.Join("\n", first.Logs.Recent(30).Select(l => l.Text)));
            Assert.Equal(ResourceState.Healthy, first.State);
            Assert.Equal("+PONG\r\n", await RedisWire.SendAsync(first.Port, "PING"));
            Assert.Equal("+OK\r\n", await RedisWire.SendAsync(first.Port, "SET apphost-test kept"));
            Assert.Equal($"127.0.0.1:{first.Port}", first.GetConnectionString());
            pid = Assert.IsType<int>(first.Pid);
        }

        await ProcessAssert.GoneAsync(pid);
        Assert.True(PortFinder.IsFree(first.Port));
        Assert.True(
            Directory.Exists(Path.Combine(dataDirectory, "appendonlydir")) || File.Exists(Path.Combine(dataDirectory, "appendonly.aof")),
            "appendonly persistence writes into the data directory");

        var second = new RedisResource("redis", dataDirectory, ports.Allocate());
        await using (var orchestrator = new ResourceOrchestrator([second]))
        {
            Assert.True(await orchestrator.StartAllAsync());
            Assert.Contains("kept", await RedisWire.SendAsync(second.Port, "GET apphost-test"));
            pid = Assert.IsType<int>(second.Pid);
        }

        await ProcessAssert.GoneAsync(pid);
    }
}
