using System.Diagnostics;

namespace AgentLocator.AppHost.Hosting;

/// <summary>What to run for a resource and how to stop it politely.</summary>
internal sealed record LaunchSpec(string FileName, IReadOnlyList<string> Arguments, string WorkingDirectory)
{
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>Variables inherited from the AppHost that would confuse the child (e.g. our own URLs).</summary>
    public IReadOnlyList<string> RemoveEnvironment { get; init; } = [];

    public int StopSignal { get; init; } = Posix.SigTerm;

    public TimeSpan StopTimeout { get; init; } = TimeSpan.FromSeconds(10);

    public string CommandLine => string.Join(' ', Arguments.Prepend(FileName));
}

/// <summary>
/// A child started in its own session (via setsid), so its pid is also its process-group id: stopping it
/// signals the whole tree it spawned, and a Ctrl+C in the terminal reaches only the AppHost, which then
/// stops children in reverse start order instead of all at once.
/// </summary>
internal sealed class RunningProcess : IDisposable
{
    private readonly Process _process;
    private readonly TaskCompletionSource<int> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _outputClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _openStreams = 2;

    private RunningProcess(Process process, LaunchSpec spec)
    {
        _process = process;
        Spec = spec;
    }

    public LaunchSpec Spec { get; }

    public int Pid { get; private set; }

    /// <summary>Completes with the exit code. Does not wait for grandchildren holding the output pipes open.</summary>
    public Task<int> Exited => _exited.Task;

    public bool HasExited => _exited.Task.IsCompleted;

    /// <summary>Set before a requested stop, so the exit is not mistaken for a crash.</summary>
    public bool StopRequested { get; set; }

    public static RunningProcess Start(LaunchSpec spec, Action<LogStream, string> onLine)
    {
        var info = new ProcessStartInfo("setsid")
        {
            WorkingDirectory = spec.WorkingDirectory,
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.ArgumentList.Add(spec.FileName);
        foreach (var argument in spec.Arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var name in spec.RemoveEnvironment)
        {
            info.Environment.Remove(name);
        }

        foreach (var (name, value) in spec.Environment)
        {
            info.Environment[name] = value;
        }

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var running = new RunningProcess(process, spec);
        process.OutputDataReceived += (_, e) => running.OnLine(LogStream.Out, e.Data, onLine);
        process.ErrorDataReceived += (_, e) => running.OnLine(LogStream.Err, e.Data, onLine);
        process.Exited += (_, _) => running.OnExited();

        process.Start();
        running.Pid = process.Id;
        // Children never read the terminal; closing stdin stops tools (vite, psql) from waiting on it.
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _ = running.PollForExitAsync();
        return running;
    }

    /// <summary>
    /// Sends <paramref name="signal"/> to the process group, waits up to <paramref name="timeout"/> for the
    /// whole group to go, then SIGKILLs whatever is left.
    /// </summary>
    public async Task StopAsync(int signal, TimeSpan timeout, Action<string>? log = null)
    {
        StopRequested = true;
        if (!Posix.IsGroupAlive(Pid) && HasExited)
        {
            return;
        }

        log?.Invoke($"sending {Posix.SignalName(signal)} to process group {Pid}");
        Posix.SignalGroup(Pid, signal);
        if (await WaitForGroupExitAsync(timeout))
        {
            return;
        }

        log?.Invoke($"still running after {timeout.TotalSeconds:0} s, sending SIGKILL");
        Posix.SignalGroup(Pid, Posix.SigKill);
        await WaitForGroupExitAsync(TimeSpan.FromSeconds(10));
    }

    public Task StopAsync(Action<string>? log = null) => StopAsync(Spec.StopSignal, Spec.StopTimeout, log);

    /// <summary>After the leader exits on its own, nothing it spawned may outlive it.</summary>
    public Task KillLeftoversAsync() => StopAsync(Posix.SigTerm, TimeSpan.FromSeconds(5));

    /// <summary>Lets the last lines a process printed arrive before someone reads its log.</summary>
    public Task WaitForOutputAsync(TimeSpan timeout) => _outputClosed.Task.WaitAsync(timeout).ContinueWith(_ => { });

    public void Dispose() => _process.Dispose();

    private async Task<bool> WaitForGroupExitAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (HasExited && !Posix.IsGroupAlive(Pid))
            {
                return true;
            }

            await Task.Delay(100);
        }

        return HasExited && !Posix.IsGroupAlive(Pid);
    }

    private void OnLine(LogStream stream, string? text, Action<LogStream, string> onLine)
    {
        if (text is null)
        {
            if (Interlocked.Decrement(ref _openStreams) == 0)
            {
                _outputClosed.TrySetResult();
            }

            return;
        }

        onLine(stream, text);
    }

    private void OnExited()
    {
        try
        {
            _exited.TrySetResult(_process.ExitCode);
        }
        catch (InvalidOperationException)
        {
            _exited.TrySetResult(-1);
        }
    }

    // The Exited event can lag behind the real exit while output pipes are still open; poll as a backstop.
    private async Task PollForExitAsync()
    {
        while (!HasExited)
        {
            await Task.Delay(500);
            try
            {
                if (_process.HasExited)
                {
                    OnExited();
                }
            }
            catch (InvalidOperationException)
            {
                OnExited();
            }
        }
    }
}

/// <summary>Runs a short-lived command (initdb, psql, dotnet build, npm ci) to completion.</summary>
internal static class CommandRunner
{
    public sealed record Result(int ExitCode, IReadOnlyList<string> Output)
    {
        public bool Succeeded => ExitCode == 0;
    }

    public static async Task<Result> RunAsync(LaunchSpec spec, Action<LogStream, string>? onLine, CancellationToken cancellationToken)
    {
        var output = new List<string>();
        using var process = RunningProcess.Start(spec, (stream, text) =>
        {
            lock (output)
            {
                output.Add(text);
            }

            onLine?.Invoke(stream, text);
        });
        try
        {
            var exitCode = await process.Exited.WaitAsync(cancellationToken);
            await process.WaitForOutputAsync(TimeSpan.FromSeconds(5));
            await process.KillLeftoversAsync();
            lock (output)
            {
                return new Result(exitCode, output.ToArray());
            }
        }
        catch (OperationCanceledException)
        {
            await process.StopAsync(Posix.SigTerm, TimeSpan.FromSeconds(5));
            throw;
        }
    }
}
