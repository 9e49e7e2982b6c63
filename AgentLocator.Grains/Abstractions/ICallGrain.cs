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
}

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
    [property: Id(7)] string? Greeting = null)
{
    public static CallStart UnknownNumber { get; } = new(CallStartOutcome.UnknownNumber);
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
