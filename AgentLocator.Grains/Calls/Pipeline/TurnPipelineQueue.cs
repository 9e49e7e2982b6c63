using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AgentLocator.Grains.Calls.Pipeline;

/// <summary>
/// Where the turns' pipelines wait for one of <see cref="CallPipelineOptions.PipelineConcurrency"/> workers. The ack of a
/// recording (handle_recording) only stores the turn and answers; the pipeline runs here, first come first served,
/// on the thread pool rather than on the call grain's scheduler. So a burst of turns takes at most that many workers'
/// share of the cores, the database pool and the providers, and the acks that keep arriving are not queued behind it.
/// The queue lives in memory only: the turn row (state <c>pending</c>) is the durable record, and a turn whose work was
/// lost with the process is started again from it (the reply request, the after-call work, the reconciler).
/// </summary>
public sealed class TurnPipelineQueue : IAsyncDisposable
{
    private readonly Channel<QueuedTurn> queued = Channel.CreateUnbounded<QueuedTurn>(new UnboundedChannelOptions { SingleWriter = false });
    private readonly CancellationTokenSource stopping = new();
    private readonly Task[] workers;
    private readonly ILogger<TurnPipelineQueue> logger;
    private int waiting;
    private int running;

    public TurnPipelineQueue(IOptions<CallPipelineOptions> options, ILogger<TurnPipelineQueue> logger)
    {
        this.logger = logger;
        Concurrency = Math.Max(1, options.Value.PipelineConcurrency);
        // Task.Run: the workers belong to the thread pool, never to the grain whose activation first asked for the queue;
        // and without that request's execution context (its trace), which each queued turn brings along instead.
        using (ExecutionContext.SuppressFlow())
        {
            workers = [.. Enumerable.Range(0, Concurrency).Select(_ => Task.Run(WorkAsync))];
        }
    }

    public int Concurrency { get; }

    /// <summary>Turns waiting for a worker.</summary>
    public int Waiting => Volatile.Read(ref waiting);

    /// <summary>Turns a worker is running.</summary>
    public int Running => Volatile.Read(ref running);

    /// <summary>
    /// Queues <paramref name="work"/>; the task ends when it has run. Cancelled, without running it, when the process
    /// stops first (the turn stays pending and is resumed from its row).
    /// </summary>
    public Task EnqueueAsync(Func<CancellationToken, Task> work)
    {
        // Completions run asynchronously: the grain that awaits this resumes on its own scheduler, never inside a worker.
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Interlocked.Increment(ref waiting);
        if (!queued.Writer.TryWrite(new QueuedTurn(work, ExecutionContext.Capture(), done)))
        {
            Interlocked.Decrement(ref waiting);
            done.TrySetCanceled();
        }
        return done.Task;
    }

    private async Task WorkAsync()
    {
        try
        {
            await foreach (var turn in queued.Reader.ReadAllAsync(stopping.Token))
            {
                Interlocked.Decrement(ref waiting);
                Interlocked.Increment(ref running);
                try
                {
                    await StartAsync(turn);
                    turn.Done.TrySetResult();
                }
                catch (OperationCanceledException) when (stopping.IsCancellationRequested)
                {
                    turn.Done.TrySetCanceled();
                }
                catch (Exception error) when (error is not OutOfMemoryException)
                {
                    // The work stores its own failures on the turn; this is a bug in it, and the next turn must still run.
                    logger.LogError(error, "A queued turn pipeline failed");
                    turn.Done.TrySetException(error);
                }
                finally
                {
                    Interlocked.Decrement(ref running);
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Shutting down: what is still queued is cancelled below.
        }
    }

    /// <summary>Starts the work in the context it was queued from, so its spans stay in the call's trace.</summary>
    private Task StartAsync(QueuedTurn turn)
    {
        if (turn.Context is null)
        {
            return turn.Work(stopping.Token);
        }
        Task started = Task.CompletedTask;
        ExecutionContext.Run(turn.Context, _ => started = turn.Work(stopping.Token), null);
        return started;
    }

    public async ValueTask DisposeAsync()
    {
        queued.Writer.TryComplete();
        await stopping.CancelAsync();
        await Task.WhenAll(workers);
        while (queued.Reader.TryRead(out var left))
        {
            left.Done.TrySetCanceled();
        }
        stopping.Dispose();
    }

    private sealed record QueuedTurn(Func<CancellationToken, Task> Work, ExecutionContext? Context, TaskCompletionSource Done);
}
