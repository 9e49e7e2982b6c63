using System.Diagnostics;
using Orleans.Runtime.Messaging;

namespace AgentLocator.Api.Infrastructure.Hosting;

/// <summary>
/// Repeats a grain call that never left this silo because the silo holding the grain is gone (killed, not yet voted
/// out of the cluster). Until the cluster declares it dead (a few seconds: see the membership options) every call to
/// a grain it hosted is refused at once; afterwards the same call activates the grain here. Without this, a request
/// that happens to touch such a grain in that window answers 500 although nothing is wrong with it.
/// </summary>
/// <remarks>
/// Only a refusal to send is repeated, never a call that may have run (a timeout, an exception from the grain), so
/// no grain method runs twice. The wait is bounded: longer than a death declaration, shorter than Twilio's patience.
/// </remarks>
internal sealed class RetryUndeliveredGrainCalls(ILogger<RetryUndeliveredGrainCalls> logger) : IOutgoingGrainCallFilter
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(12);
    private static readonly TimeSpan MaxPause = TimeSpan.FromSeconds(1);

    public async Task Invoke(IOutgoingGrainCallContext context)
    {
        var started = Stopwatch.GetTimestamp();
        var pause = TimeSpan.FromMilliseconds(100);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await context.Invoke();
                return;
            }
            catch (OrleansMessageRejectionException rejected) when (NeverSent(rejected) && Stopwatch.GetElapsedTime(started) + pause < Budget)
            {
                logger.LogWarning("A call to {Grain}.{Method} could not reach its silo (attempt {Attempt}); trying again in {Pause} ms",
                    context.InterfaceName, context.MethodName, attempt, (int)pause.TotalMilliseconds);
                await Task.Delay(pause);
                pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, MaxPause.Ticks));
            }
        }
    }

    // Orleans rejects a message it could not send with the connection's failure inside, or named in its text.
    private static bool NeverSent(OrleansMessageRejectionException rejected) =>
        rejected.InnerException is ConnectionFailedException
        || rejected.Message.StartsWith("Exception while sending message: " + typeof(ConnectionFailedException).FullName, StringComparison.Ordinal);
}
