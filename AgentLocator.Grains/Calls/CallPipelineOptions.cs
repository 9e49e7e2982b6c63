namespace AgentLocator.Grains.Calls;

/// <summary>The receptionist's limits (<c>Calls:*</c>). Twilio waits at most 15 s for any answer, so every wait is bounded well below it.</summary>
public sealed class CallPipelineOptions
{
    /// <summary>Messages a caller may leave before a polite goodbye.</summary>
    public int MaxTurns { get; set; } = 3;

    /// <summary>How long one reply request waits for the pipeline before putting the caller back on hold.</summary>
    public TimeSpan ReplyWait { get; set; } = TimeSpan.FromSeconds(4);

    /// <summary>Reply requests per turn; after the last the caller hears the fallback message.</summary>
    public int ReplyAttempts { get; set; } = 3;

    /// <summary>Shorter recordings are not sent to the speech service (Whisper invents words on silence).</summary>
    public double MinRecordingSeconds { get; set; } = 1.0;

    /// <summary>
    /// Turn pipelines running at once in this process (<see cref="Pipeline.TurnPipelineQueue"/>); more wait their turn.
    /// With OpenAI a pipeline mostly waits on the network (seconds of it per turn), so the default lets several calls'
    /// turns overlap; a small machine, or local Whisper (which transcribes one turn at a time anyway), wants fewer, so that
    /// the pipelines cannot take the cores from the acks Twilio is waiting on.
    /// </summary>
    public int PipelineConcurrency { get; set; } = 8;

    /// <summary>How long the after-call work waits for turns still being processed.</summary>
    public TimeSpan FinishWait { get; set; } = TimeSpan.FromSeconds(60);
}
