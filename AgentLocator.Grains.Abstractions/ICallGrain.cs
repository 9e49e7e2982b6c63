using Orleans.Concurrency;

namespace AgentLocator.Grains.Abstractions;

/// <summary>
/// One phone call (keyed by Twilio's CallSid). Twilio retries its webhooks, so every method is idempotent:
/// the same request any number of times leaves one call row, one customer, and one count on the customer.
/// </summary>
[Alias("AgentLocator.ICallGrain")]
public interface ICallGrain : IGrainWithStringKey
{
    /// <summary>
    /// Records the call's start and says who is calling whom. Touches only Postgres and other grains (no outside
    /// services), because Twilio waits on the answer before the caller hears anything.
    /// </summary>
    [Alias("Start")]
    Task<CallStart> Start(IncomingCall call);

    /// <summary>Twilio's status callback. False when no call with this CallSid was started here.</summary>
    [Alias("RecordStatus")]
    Task<bool> RecordStatus(CallStatusUpdate update);

    /// <summary>Twilio's recording status callback. False when no call with this CallSid was started here.</summary>
    [Alias("RecordRecording")]
    Task<bool> RecordRecording(CallRecordingUpdate update);

    /// <summary>
    /// A message the caller left (Twilio's Record action). Answers at once; the turn's pipeline (download,
    /// transcribe, reply, speak) runs in the background. A retry with the same RecordingSid lands on the same turn.
    /// </summary>
    [Alias("HandleRecording")]
    Task<TurnAnswer> HandleRecording(PostedRecording recording);

    /// <summary>
    /// Waits a bounded time for the turn's reply. Interleaved, so a caller on hold never holds up Twilio's other
    /// callbacks for this call.
    /// </summary>
    [Alias("AwaitReply"), AlwaysInterleave]
    Task<TurnAnswer> AwaitReply(int turn, int attempt);

    /// <summary>The after-call work: summary, disposition and the follow-up task. Idempotent; remakes an outcome a later turn made stale.</summary>
    [Alias("Finish")]
    Task Finish();
}

/// <summary>What Twilio's Record action posts.</summary>
[GenerateSerializer, Immutable]
[Alias("AgentLocator.PostedRecording")]
public sealed record PostedRecording(
    [property: Id(0)] string RecordingSid,
    [property: Id(1)] string? RecordingUrl,
    [property: Id(2)] double? DurationSeconds,
    [property: Id(3)] string? Digits)
{
    /// <summary>Twilio's Digits value when the caller hung up during the recording.</summary>
    public bool HungUp => string.Equals(Digits, "hangup", StringComparison.OrdinalIgnoreCase);
}

/// <summary>What the caller hears next; the webhook turns it into TwiML.</summary>
public enum TurnStep
{
    /// <summary>Hold audio, then come back for the reply (attempt <see cref="TurnAnswer.Attempt"/>).</summary>
    Hold,

    /// <summary>Speak <see cref="TurnAnswer.Text"/> (or play its audio), then listen again or say goodbye.</summary>
    Speak,

    /// <summary>The message was too short or silent: ask once more and record again.</summary>
    Reprompt,

    /// <summary>Say <see cref="TurnAnswer.Text"/> (none: the goodbye that fits <see cref="TurnAnswer.MessageKept"/>) and hang up.</summary>
    Goodbye,

    /// <summary>The caller is gone: nothing to say.</summary>
    HangUp,

    /// <summary>No such call here (a forged or very late request): apologise and hang up.</summary>
    UnknownCall,
}

/// <remarks>
/// <see cref="AudioKey"/> is the audio to play: the spoken reply (Speak) or the business's own hold clip (Hold), whose
/// length is <see cref="AudioSeconds"/>. <see cref="MessageKept"/> says whether any message of this call was recorded,
/// so a goodbye after silence says "message received" only when one was.
/// </remarks>
[GenerateSerializer, Immutable]
[Alias("AgentLocator.TurnAnswer")]
public sealed record TurnAnswer(
    [property: Id(0)] TurnStep Step,
    [property: Id(1)] int Turn,
    [property: Id(2)] string? Text = null,
    [property: Id(3)] string? AudioKey = null,
    [property: Id(4)] bool ListenAgain = false,
    [property: Id(5)] int Attempt = 0,
    [property: Id(6)] double? AudioSeconds = null,
    [property: Id(7)] bool MessageKept = false);

/// <summary>What Twilio's incoming-call webhook says about the call (numbers as Twilio sends them, E.164).</summary>
[GenerateSerializer, Immutable]
[Alias("AgentLocator.IncomingCall")]
public sealed record IncomingCall(
    [property: Id(0)] string From,
    [property: Id(1)] string To,
    [property: Id(2)] string Direction = "inbound");

public enum CallStartOutcome
{
    /// <summary>The dialled number belongs to a business; the call is recorded.</summary>
    Answered,

    /// <summary>No business has the dialled number; nothing is stored.</summary>
    UnknownNumber,

    /// <summary>The number's business is suspended by the operator: the caller is told the service is unavailable; nothing is stored.</summary>
    Suspended,
}

/// <summary>What the answering TwiML needs.</summary>
[GenerateSerializer, Immutable]
[Alias("AgentLocator.CallStart")]
public sealed record CallStart(
    [property: Id(0)] CallStartOutcome Outcome,
    [property: Id(1)] Guid? CallId = null,
    [property: Id(2)] Guid? BusinessId = null,
    [property: Id(3)] string? BusinessName = null,
    [property: Id(4)] Guid? CustomerId = null,
    [property: Id(5)] string? CustomerName = null,
    [property: Id(6)] bool NewLead = false,
    [property: Id(7)] string? Greeting = null,
    [property: Id(8)] string? GreetingAudioKey = null)
{
    public static CallStart UnknownNumber { get; } = new(CallStartOutcome.UnknownNumber);
    public static CallStart Suspended { get; } = new(CallStartOutcome.Suspended);
}

/// <summary>Twilio's CallStatus (queued, ringing, in-progress, completed, busy, no-answer, failed, canceled) and CallDuration.</summary>
[GenerateSerializer, Immutable]
[Alias("AgentLocator.CallStatusUpdate")]
public sealed record CallStatusUpdate(
    [property: Id(0)] string Status,
    [property: Id(1)] int? DurationSeconds = null);

[GenerateSerializer, Immutable]
[Alias("AgentLocator.CallRecordingUpdate")]
public sealed record CallRecordingUpdate(
    [property: Id(0)] string? RecordingSid,
    [property: Id(1)] string? RecordingUrl,
    [property: Id(2)] string? RecordingStatus);
