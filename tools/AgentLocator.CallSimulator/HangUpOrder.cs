namespace AgentLocator.CallSimulator;

/// <summary>
/// How a caller who hangs up during a recording reaches the server: Twilio posts the recording's action and the
/// call's status callback, and does not promise which comes first. Each order is one the after-call work must survive.
/// </summary>
public enum HangUpOrder
{
    /// <summary>handle_recording (Digits=hangup), then call_status completed.</summary>
    RecordingFirst,

    /// <summary>call_status completed, then handle_recording (Digits=hangup).</summary>
    StatusFirst,

    /// <summary>Both at the same moment.</summary>
    Together,

    /// <summary>
    /// The caller ends the message with '*' and hangs up at once: call_status completed, then handle_recording with
    /// Digits=*, whose answer (hold audio, a redirect) nobody is left to hear.
    /// </summary>
    StarAfterCompleted,
}

public static class HangUpOrders
{
    /// <summary>The command line's names for the orders, in <see cref="HangUpOrder"/>'s order.</summary>
    public static IReadOnlyList<string> Names { get; } = ["recording-first", "status-first", "together", "star-after-completed"];

    public static string Name(this HangUpOrder order) => Names[(int)order];

    public static bool TryParse(string name, out HangUpOrder order)
    {
        var index = Names.ToList().IndexOf(name.Trim().ToLowerInvariant());
        order = index < 0 ? default : (HangUpOrder)index;
        return index >= 0;
    }
}
