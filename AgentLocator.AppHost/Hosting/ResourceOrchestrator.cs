namespace AgentLocator.AppHost.Hosting;

/// <summary>
/// Starts resources once what they wait for is healthy, watches them (health, unexpected exits), restarts
/// them on request, and stops them in reverse start order.
/// </summary>
internal sealed class ResourceOrchestrator(IReadOnlyList<Resource> resources) : IAsyncDisposable
{
    private static readonly TimeSpan HealthPollInterval = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan HealthMonitorInterval = TimeSpan.FromSeconds(10);

    private readonly CancellationTokenSource _lifetime = new();
    private readonly List<Resource> _startOrder = [];
    private readonly List<Task> _background = [];
    private int _shutdown;

    public IReadOnlyList<Resource> Resources { get; } = resources;

    /// <summary>In order of first start; shutdown walks it backwards.</summary>
    public IReadOnlyList<Resource> StartOrder
    {
        get
        {
            lock (_startOrder)
            {
                return _startOrder.ToArray();
            }
        }
    }

    /// <summary>Fires when shutdown begins: pending starts and running commands end with it.</summary>
    public CancellationToken Stopping => _lifetime.Token;

    public Resource? Find(string name) => Resources.FirstOrDefault(r => string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>Completes when every resource is healthy, failed, or blocked by a failed dependency.</summary>
    public async Task<bool> StartAllAsync()
    {
        var results = await Task.WhenAll(Resources.Select(StartWhenReadyAsync));
        return results.All(ok => ok);
    }

    public async Task<bool> StartWhenReadyAsync(Resource resource)
    {
        var cancellationToken = _lifetime.Token;
        resource.ResetReady();
        resource.State = ResourceState.Waiting;
        try
        {
            foreach (var dependency in resource.WaitsFor)
            {
                resource.StateDetail = $"waiting for {dependency.Name}";
                if (!await dependency.Ready.Task.WaitAsync(cancellationToken))
                {
                    resource.StateDetail = $"not started: {dependency.Name} is not healthy";
                    resource.Log(resource.StateDetail);
                    resource.Ready.TrySetResult(false);
                    return false;
                }
            }
        }
        catch (OperationCanceledException)
        {
            resource.StateDetail = "not started: shutting down";
            resource.Ready.TrySetResult(false);
            return false;
        }

        return await StartAsync(resource);
    }

    public async Task RestartAsync(Resource resource)
    {
        await StopAsync(resource);
        if (await StartWhenReadyAsync(resource))
        {
            StartBlockedDependents(resource);
        }
    }

    public async Task StopAsync(Resource resource)
    {
        await resource.Lifecycle.WaitAsync();
        try
        {
            var process = resource.Process;
            if (process is null)
            {
                return;
            }

            var wasRunning = !process.HasExited;
            if (wasRunning)
            {
                resource.State = ResourceState.Stopping;
                await process.StopAsync(resource.Log);
                resource.Log("stopped");
            }

            resource.Process = null;
            process.Dispose();
            resource.ResetReady();
            resource.Ready.TrySetResult(false);
            if (wasRunning || resource.State != ResourceState.Failed)
            {
                resource.State = ResourceState.Stopped;
                resource.StateDetail = null;
            }
        }
        finally
        {
            resource.Lifecycle.Release();
        }
    }

    /// <summary>Idempotent: cancels pending starts, then stops everything in reverse start order.</summary>
    public async Task ShutdownAsync()
    {
        if (Interlocked.Exchange(ref _shutdown, 1) == 1)
        {
            return;
        }

        await _lifetime.CancelAsync();
        // A command's child (the call simulator) stops on the cancellation; let it go before what it talks to does.
        var commands = Resources.SelectMany(r => r.Commands).Select(c => c.Completion);
        await Task.WhenAll(commands).WaitAsync(TimeSpan.FromSeconds(10)).ContinueWith(_ => { });
        foreach (var resource in StartOrder.Reverse())
        {
            await StopAsync(resource);
        }

        // Anything launched but not yet recorded (a start racing the shutdown) goes too.
        foreach (var resource in Resources.Where(r => r.Process is not null))
        {
            await StopAsync(resource);
        }

        Task[] background;
        lock (_background)
        {
            background = _background.ToArray();
        }

        await Task.WhenAll(background).WaitAsync(TimeSpan.FromSeconds(10)).ContinueWith(_ => { });
    }

    /// <summary>Last resort on a second Ctrl+C: no graceful anything.</summary>
    public void KillAll()
    {
        foreach (var resource in Resources)
        {
            if (resource.Process is { } process)
            {
                process.StopRequested = true;
                Posix.SignalGroup(process.Pid, Posix.SigKill);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await ShutdownAsync();
        _lifetime.Dispose();
    }

    private async Task<bool> StartAsync(Resource resource)
    {
        var cancellationToken = _lifetime.Token;
        await resource.Lifecycle.WaitAsync();
        RunningProcess process;
        try
        {
            if (cancellationToken.IsCancellationRequested)
            {
                resource.Ready.TrySetResult(false);
                return false;
            }

            resource.State = ResourceState.Starting;
            resource.StateDetail = null;
            resource.HealthDetail = null;
            try
            {
                await resource.PrepareAsync(cancellationToken);
                var spec = resource.CreateLaunchSpec();
                resource.Log($"starting: {spec.CommandLine}");
                process = RunningProcess.Start(spec, (stream, line) => resource.Logs.Add(stream, line));
            }
            catch (OperationCanceledException)
            {
                resource.State = ResourceState.Stopped;
                resource.Ready.TrySetResult(false);
                return false;
            }
            catch (Exception e)
            {
                Fail(resource, e.Message);
                return false;
            }

            resource.Process = process;
            resource.StartedAt = DateTimeOffset.Now;
            resource.State = ResourceState.Running;
            lock (_startOrder)
            {
                // A restart keeps its first position: shutdown order must still follow the dependencies.
                if (!_startOrder.Contains(resource))
                {
                    _startOrder.Add(resource);
                }
            }

            Track(WatchForExitAsync(resource, process));
        }
        finally
        {
            resource.Lifecycle.Release();
        }

        return await WaitUntilHealthyAsync(resource, process, cancellationToken);
    }

    private async Task<bool> WaitUntilHealthyAsync(Resource resource, RunningProcess process, CancellationToken cancellationToken)
    {
        try
        {
            if (resource.HealthCheck is { } check)
            {
                var deadline = DateTime.UtcNow + resource.StartupTimeout;
                while (true)
                {
                    if (process.HasExited || process.StopRequested)
                    {
                        resource.Ready.TrySetResult(false);
                        return false;
                    }

                    var health = await check(cancellationToken);
                    resource.HealthDetail = health.Detail;
                    if (health.IsHealthy)
                    {
                        break;
                    }

                    if (DateTime.UtcNow > deadline)
                    {
                        resource.State = ResourceState.Unhealthy;
                        resource.StateDetail = $"not healthy {resource.StartupTimeout.TotalSeconds:0} s after start";
                        resource.Log($"{resource.StateDetail}: {health.Detail}");
                        resource.Ready.TrySetResult(false);
                        Track(MonitorHealthAsync(resource, process, cancellationToken));
                        return false;
                    }

                    await Task.Delay(HealthPollInterval, cancellationToken);
                }
            }

            await resource.OnHealthyAsync(cancellationToken);
            lock (resource)
            {
                // A crash noticed meanwhile wins: never paint a dead process as healthy.
                if (process.HasExited || process.StopRequested || resource.State is ResourceState.Failed)
                {
                    resource.Ready.TrySetResult(false);
                    return false;
                }

                resource.State = resource.HealthCheck is null ? ResourceState.Running : ResourceState.Healthy;
            }

            resource.Log(resource.HealthCheck is null ? "running" : $"healthy ({resource.HealthDetail})");
            resource.Ready.TrySetResult(true);
            Track(MonitorHealthAsync(resource, process, cancellationToken));
            return true;
        }
        catch (OperationCanceledException)
        {
            resource.Ready.TrySetResult(false);
            return false;
        }
        catch (Exception e)
        {
            resource.State = ResourceState.Unhealthy;
            resource.StateDetail = e.Message;
            resource.Log($"unhealthy: {e.Message}");
            resource.Ready.TrySetResult(false);
            return false;
        }
    }

    /// <summary>Keeps Healthy/Unhealthy current for the dashboard while the process lives.</summary>
    private static async Task MonitorHealthAsync(Resource resource, RunningProcess process, CancellationToken cancellationToken)
    {
        if (resource.HealthCheck is not { } check)
        {
            return;
        }

        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(HealthMonitorInterval, cancellationToken);
                if (process.HasExited || process.StopRequested || resource.Process != process)
                {
                    return;
                }

                var health = await check(cancellationToken);
                if (process.StopRequested || resource.Process != process)
                {
                    return;
                }

                resource.HealthDetail = health.Detail;
                var state = health.IsHealthy ? ResourceState.Healthy : ResourceState.Unhealthy;
                if (state != resource.State && resource.State is ResourceState.Healthy or ResourceState.Unhealthy)
                {
                    resource.State = state;
                    resource.StateDetail = null;
                    resource.Log($"now {state.ToString().ToLowerInvariant()}: {health.Detail}");
                    if (health.IsHealthy)
                    {
                        resource.Ready.TrySetResult(true);
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task WatchForExitAsync(Resource resource, RunningProcess process)
    {
        var exitCode = await process.Exited;
        await process.WaitForOutputAsync(TimeSpan.FromSeconds(2));
        if (process.StopRequested)
        {
            return;
        }

        Fail(resource, $"exited unexpectedly with code {exitCode}");
        await process.KillLeftoversAsync();
    }

    private static void Fail(Resource resource, string reason)
    {
        lock (resource)
        {
            resource.State = ResourceState.Failed;
            resource.StateDetail = reason;
        }

        resource.Log(reason);
        resource.Ready.TrySetResult(false);
    }

    /// <summary>After a restart fixes a resource, start what was left waiting on it.</summary>
    private void StartBlockedDependents(Resource resource)
    {
        foreach (var dependent in Resources)
        {
            if (dependent.Process is null && dependent.State == ResourceState.Waiting && dependent.WaitsFor.Contains(resource)
                && dependent.Ready.Task.IsCompleted)
            {
                Track(RestartAsync(dependent));
            }
        }
    }

    private void Track(Task task)
    {
        lock (_background)
        {
            _background.RemoveAll(t => t.IsCompleted);
            _background.Add(task);
        }
    }
}
