namespace AgentLocator.AppHost.Hosting;

/// <summary>What a command gets when it runs: the resource it belongs to, and a token that fires when the AppHost stops.</summary>
internal sealed record ExecuteCommandContext(Resource Resource, CancellationToken CancellationToken);

/// <summary>A command's verdict; the message is shown to the developer, so it says what happened in words.</summary>
internal sealed record ExecuteCommandResult(bool Success, string? Message)
{
    public static ExecuteCommandResult Succeeded(string? message = null) => new(true, message);

    public static ExecuteCommandResult Failed(string message) => new(false, message);
}

/// <summary>One finished run, as the dashboard reports it.</summary>
internal sealed record CommandOutcome(string Command, bool Success, string? Message, DateTimeOffset StartedAt, DateTimeOffset FinishedAt);

/// <summary>
/// An action a resource offers on the dashboard (a button beside Restart and Stop), named like Aspire's
/// <c>WithCommand</c>. At most one run at a time: a second click while one runs is refused rather than queued,
/// since a queued "simulate a call" the developer has forgotten about would be a surprise.
/// </summary>
internal sealed class ResourceCommand(
    string name, string displayName, Func<ExecuteCommandContext, Task<ExecuteCommandResult>> execute)
{
    private readonly Lock _gate = new();
    private Task<CommandOutcome>? _run;

    /// <summary>The URL segment: POST /api/resources/{resource}/commands/{name}.</summary>
    public string Name { get; } = name;

    public string DisplayName { get; } = displayName;

    /// <summary>Hover text for the button.</summary>
    public string? Description { get; init; }

    public bool IsRunning
    {
        get
        {
            lock (_gate)
            {
                return _run is { IsCompleted: false };
            }
        }
    }

    public CommandOutcome? LastOutcome { get; private set; }

    /// <summary>The current or last run; shutdown waits on it so a child process is not left behind.</summary>
    public Task Completion
    {
        get
        {
            lock (_gate)
            {
                return _run ?? Task.CompletedTask;
            }
        }
    }

    /// <summary>Starts a run in the background, or returns null when one is already running.</summary>
    public Task<CommandOutcome>? TryStart(Resource resource, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_run is { IsCompleted: false })
            {
                return null;
            }

            // On the thread pool: a command that does blocking work first must not hold up the dashboard's request.
            _run = Task.Run(() => RunAsync(resource, cancellationToken), CancellationToken.None);
            return _run;
        }
    }

    private async Task<CommandOutcome> RunAsync(Resource resource, CancellationToken cancellationToken)
    {
        var startedAt = DateTimeOffset.Now;
        resource.Log($"command '{DisplayName}' started");
        ExecuteCommandResult result;
        try
        {
            result = await execute(new ExecuteCommandContext(resource, cancellationToken));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            result = ExecuteCommandResult.Failed("cancelled: the AppHost is stopping");
        }
        catch (Exception e)
        {
            // A command's bug must reach the page as a failed run, not as a dead request and a silent log.
            result = ExecuteCommandResult.Failed($"{e.GetType().Name}: {e.Message}");
        }

        var outcome = new CommandOutcome(Name, result.Success, result.Message, startedAt, DateTimeOffset.Now);
        LastOutcome = outcome;
        var verdict = result.Success ? "succeeded" : "failed";
        resource.Log(result.Message is { Length: > 0 } message
            ? $"command '{DisplayName}' {verdict}: {message}"
            : $"command '{DisplayName}' {verdict}");
        return outcome;
    }
}
