namespace AgentLocator.FakeProviders;

/// <summary>
/// Holds a fake's requests until it is opened, for tests of what the API does while a provider is busy: a request
/// that reaches a closed gate waits (and is counted) until <see cref="Open"/>, or until its client gives up.
/// </summary>
public sealed class FakeGate
{
    private readonly Lock sync = new();
    private TaskCompletionSource? closed;
    private int waiting;
    private int peak;

    /// <summary>Requests waiting at the gate now.</summary>
    public int Waiting
    {
        get
        {
            lock (sync)
            {
                return waiting;
            }
        }
    }

    /// <summary>The most requests that waited at the gate at once since it was last closed.</summary>
    public int PeakWaiting
    {
        get
        {
            lock (sync)
            {
                return peak;
            }
        }
    }

    public void Close()
    {
        lock (sync)
        {
            closed ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            peak = waiting;
        }
    }

    /// <summary>Lets every waiting request through, and the ones after it.</summary>
    public void Open()
    {
        TaskCompletionSource? release;
        lock (sync)
        {
            release = closed;
            closed = null;
        }
        release?.TrySetResult();
    }

    internal async Task PassAsync(CancellationToken cancellationToken)
    {
        Task wait;
        lock (sync)
        {
            if (closed is null)
            {
                return;
            }
            wait = closed.Task;
            waiting++;
            peak = Math.Max(peak, waiting);
        }
        try
        {
            await wait.WaitAsync(cancellationToken);
        }
        finally
        {
            lock (sync)
            {
                waiting--;
            }
        }
    }
}
