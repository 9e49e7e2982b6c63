namespace AgentLocator.Grains.Calls;

/// <summary>
/// How long each hold step gives the reply. Twilio plays a step's clip to its end before it asks again, so a reply that
/// is ready early waits for the clip: the first step is short, since most replies are ready within a few seconds,
/// and the reply request after it may wait a moment of quiet (<see cref="LongestQuiet"/>) for them. Later steps play for
/// longer than the reply wait, so their reply request answers at once.
/// </summary>
public static class HoldTiming
{
    /// <summary>The first hold step's built-in clip, and the least a business clip plays for in it.</summary>
    public static readonly TimeSpan FirstStep = TimeSpan.FromSeconds(2);

    /// <summary>The quiet a caller may hear after the first step while the reply is finished: under the 2 s a caller takes for a dead line.</summary>
    public static readonly TimeSpan LongestQuiet = TimeSpan.FromSeconds(1);

    /// <summary>How many plays of a clip fill a step of the given length.</summary>
    public static int LoopsFor(double clipSeconds, TimeSpan step) =>
        clipSeconds <= 0 ? 1 : Math.Max(1, (int)Math.Ceiling(step.TotalSeconds / clipSeconds - 1e-9));

    /// <summary>
    /// How long after a hold answer its reply wait ends. The first step: its sound plus a moment of quiet, at most the
    /// configured wait. Later steps: the configured wait, which their longer sound covers.
    /// </summary>
    public static TimeSpan ReplyWaitOf(int attempt, TimeSpan replyWait, double? businessClipSeconds)
    {
        if (attempt > 1)
        {
            return replyWait;
        }
        var sound = businessClipSeconds is { } clip
            ? TimeSpan.FromSeconds(clip * LoopsFor(clip, FirstStep))
            : FirstStep;
        var wait = sound + LongestQuiet;
        return wait < replyWait ? wait : replyWait;
    }
}
