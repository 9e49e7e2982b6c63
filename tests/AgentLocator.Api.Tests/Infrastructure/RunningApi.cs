using System.Diagnostics;
using System.Runtime.InteropServices;

namespace AgentLocator.Api.Tests.Infrastructure;

/// <summary>
/// The built API as a separate process (a silo of its own), for what only real processes show: a kill -9, a
/// graceful stop, two silos in one cluster.
/// </summary>
public sealed class RunningApi : IAsyncDisposable
{
    private readonly Process process;
    private readonly List<string> output = [];

    private RunningApi(Process process, Uri address)
    {
        this.process = process;
        Address = address;
        process.OutputDataReceived += (_, line) => Record(line.Data);
        process.ErrorDataReceived += (_, line) => Record(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public Uri Address { get; }

    /// <summary>The API's process id, to find the processes it started (its PDF browser).</summary>
    public int ProcessId => process.Id;

    public string Output
    {
        get { lock (output) { return string.Join('\n', output.TakeLast(80)); } }
    }

    public static async Task<RunningApi> StartAsync(string database, string clusterId, string redis, IDictionary<string, string>? extra = null)
    {
        var port = TestServices.FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "AgentLocator.Api.dll"));
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["ConnectionStrings__agentlocator"] = TestServices.ConnectionStringFor(database);
        start.Environment["ConnectionStrings__redis"] = redis;
        start.Environment["Orleans__ClusterId"] = clusterId;
        start.Environment["Orleans__SiloPort"] = TestServices.FreePort().ToString();
        start.Environment["Orleans__GatewayPort"] = TestServices.FreePort().ToString();
        start.Environment["Alerts__SweepInterval"] = "00:00:02";
        start.Environment["Auth__SignInAttemptsPerMinutePerAddress"] = "10000";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in extra ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        var api = new RunningApi(Process.Start(start)!, new Uri($"http://127.0.0.1:{port}"));
        using var http = new HttpClient { BaseAddress = api.Address, Timeout = TimeSpan.FromSeconds(5) };
        // Only bounds a start that is broken: a first start migrates and seeds an empty database, which on a loaded machine
        // (a load of 50–100 on two cores) was measured at over 5 minutes.
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(8));
        while (true)
        {
            if (api.process.HasExited)
            {
                throw new InvalidOperationException($"The API exited with {api.process.ExitCode}:\n{api.Output}");
            }
            try
            {
                if ((await http.GetAsync("/health", limit.Token)).IsSuccessStatusCode)
                {
                    return api;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
                // The 5 s request timeout, or the limit: the check below tells which.
            }
            if (limit.IsCancellationRequested)
            {
                await api.DisposeAsync();
                throw new TimeoutException($"The API did not become healthy:\n{api.Output}");
            }
            // Not Task.Delay(…, limit.Token): the limit running out in the pause must end in the TimeoutException above, with
            // the silo's log and the process ended, not a bare TaskCanceledException that leaves the process running.
            await Task.Delay(250);
        }
    }

    /// <summary>kill -9: no shutdown code runs, the silo does not leave the cluster.</summary>
    public async Task CrashAsync()
    {
        process.Kill();
        await process.WaitForExitAsync();
    }

    /// <summary>SIGTERM, as a deploy or Ctrl+C sends it: the host stops and the silo leaves the cluster.</summary>
    public async Task StopAsync()
    {
        if (process.HasExited)
        {
            return;
        }
        _ = kill(process.Id, 15);
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        process.Dispose();
    }

    private void Record(string? line)
    {
        if (line is not null)
        {
            lock (output) { output.Add(line); }
        }
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int signal);
}
