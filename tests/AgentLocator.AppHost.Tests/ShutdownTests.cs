using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace AgentLocator.AppHost.Tests;

/// <summary>The AppHost as ./run.sh starts it, in a process of its own, stopped the way a terminal or CI stops it.</summary>
public sealed class ShutdownTests
{
    [Fact]
    public async Task Sigterm_stops_every_process_the_apphost_started()
    {
        using var temp = new TempDirectory();
        var appHost = Path.Combine(AppContext.BaseDirectory, "AgentLocator.AppHost.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = temp.Path };
        foreach (var argument in new[] { appHost, $"--AgentLocator:DataDirectory={temp.Path}" })
        {
            start.ArgumentList.Add(argument);
        }

        // What launchSettings.json sets for `dotnet run`, on free ports so a developer's running AppHost is not disturbed.
        start.Environment["DOTNET_ENVIRONMENT"] = "Development";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{FreePort()}";
        start.Environment["ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL"] = $"http://127.0.0.1:{FreePort()}";
        start.Environment["ASPIRE_ALLOW_UNSECURED_TRANSPORT"] = "true";
        start.Environment["ASPIRE_DASHBOARD_UNSECURED_ALLOW_ANONYMOUS"] = "true";
        start.Environment["DcpPublisher__RandomizePorts"] = "true";

        using var process = Process.Start(start)!;
        var output = new StringBuilder();
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            lock (output)
            {
                output.AppendLine(e.Data);
            }

            if (e.Data?.Contains("AgentLocator is ready at", StringComparison.Ordinal) == true)
            {
                ready.TrySetResult();
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            lock (output)
            {
                output.AppendLine(e.Data);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        List<(int Pid, string Command)> started;
        try
        {
            var finished = await Task.WhenAny(ready.Task, process.WaitForExitAsync(), Task.Delay(AppHostFactory.StartTimeout));
            Assert.True(finished == ready.Task, "the AppHost did not report ready:\n" + Snapshot(output));

            started = ProcessTree.StartedBy(process.Id);
            // Proof that the tree is the real one, so "none left" below means something.
            Assert.Contains(started, p => p.Command.Contains("/bin/postgres", StringComparison.Ordinal));
            Assert.Contains(started, p => p.Command.StartsWith("redis-server", StringComparison.Ordinal));
            Assert.Equal(2, started.Count(p => p.Command.Contains("AgentLocator.Api/bin/", StringComparison.Ordinal) && !p.Command.StartsWith("dotnet run", StringComparison.Ordinal)));
            Assert.Contains(started, p => p.Command.Contains("vite", StringComparison.Ordinal));

            Assert.Equal(0, Kill(process.Id, Sigterm));
            using var exit = new CancellationTokenSource(TimeSpan.FromMinutes(1));
            await process.WaitForExitAsync(exit.Token);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        // Children may outlive the AppHost by the few seconds DCP takes to stop them; none may stay.
        var deadline = DateTime.UtcNow.AddSeconds(60);
        var alive = started;
        while ((alive = [.. started.Where(p => ProcessTree.IsAlive(p.Pid))]).Count > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(500);
        }

        Assert.True(alive.Count == 0, "left running after SIGTERM:\n" + string.Join('\n', alive.Select(p => $"{p.Pid} {p.Command}")));
    }

    private const int Sigterm = 15;

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill")]
    private static extern int Kill(int pid, int signal);

    private static string Snapshot(StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>Processes read from /proc: who started whom.</summary>
internal static class ProcessTree
{
    /// <summary>
    /// The AppHost's descendants, and DCP's: DCP detaches from the AppHost (its parent is init) and watches it with
    /// <c>--monitor PID</c>, so its tree is found by that argument.
    /// </summary>
    public static List<(int Pid, string Command)> StartedBy(int appHostPid)
    {
        var all = Snapshot();
        var roots = new HashSet<int> { appHostPid };
        roots.UnionWith(all.Where(p => p.Command.Contains($"--monitor {appHostPid}", StringComparison.Ordinal)).Select(p => p.Pid));
        var found = new HashSet<int>(roots);
        bool added;
        do
        {
            added = false;
            foreach (var process in all.Where(p => found.Contains(p.ParentPid) && found.Add(p.Pid)))
            {
                added = true;
            }
        }
        while (added);

        return [.. all.Where(p => found.Contains(p.Pid) && p.Pid != appHostPid).Select(p => (p.Pid, p.Command))];
    }

    public static bool IsAlive(int pid)
    {
        try
        {
            // A zombie has exited; only its parent has not collected it yet.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..][0] != 'Z';
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static List<(int Pid, int ParentPid, string Command)> Snapshot()
    {
        var processes = new List<(int, int, string)>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid))
            {
                continue;
            }

            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var parent = int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1]);
                var command = File.ReadAllText(Path.Combine(dir, "cmdline")).Replace('\0', ' ').Trim();
                processes.Add((pid, parent, command));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
            {
            }
        }

        return processes;
    }
}
