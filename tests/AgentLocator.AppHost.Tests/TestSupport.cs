using System.Net.Sockets;
using System.Runtime.Versioning;
using System.Text;
using AgentLocator.AppHost.Hosting;

[assembly: SupportedOSPlatform("linux")]

namespace AgentLocator.AppHost.Tests;

/// <summary>A scratch folder under /tmp (short, so Postgres' socket path stays under the unix limit).</summary>
internal sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        Path = System.IO.Path.Combine("/tmp", "apphost-tests-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string Combine(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}

internal static class Eventually
{
    /// <summary>Polls instead of sleeping: the CI box is shared and slow, so only the upper bound is generous.</summary>
    public static async Task<bool> TrueAsync(Func<Task<bool>> condition, int timeoutSeconds = 60)
    {
        var deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        while (DateTime.UtcNow < deadline)
        {
            if (await condition())
            {
                return true;
            }

            await Task.Delay(200);
        }

        return await condition();
    }

    public static Task<bool> TrueAsync(Func<bool> condition, int timeoutSeconds = 60) =>
        TrueAsync(() => Task.FromResult(condition()), timeoutSeconds);
}

internal static class ProcessAssert
{
    public static async Task GoneAsync(int pid)
    {
        Assert.True(await Eventually.TrueAsync(() => !Posix.IsProcessAlive(pid) && !Directory.Exists($"/proc/{pid}"), 30),
            $"process {pid} is still alive");
    }
}

internal static class RedisWire
{
    /// <summary>One inline command over raw RESP; enough to prove the server answers and keeps data.</summary>
    public static async Task<string> SendAsync(int port, string command)
    {
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", port);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(command + "\r\n"));
        var buffer = new byte[256];
        var read = await stream.ReadAsync(buffer);
        return Encoding.ASCII.GetString(buffer, 0, read);
    }
}

internal static class ResourceOutput
{
    /// <summary>What the process itself printed, not the AppHost's notes (which quote its command line).</summary>
    public static bool Printed(this Resource resource, string text) =>
        resource.Logs.Recent().Any(l => l.Stream != LogStream.AppHost && l.Text.Contains(text, StringComparison.Ordinal));
}
