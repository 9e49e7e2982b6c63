namespace AgentLocator.CallSimulator;

/// <summary>
/// One scripted caller turn: what the caller says when the next <c>&lt;Record&gt;</c> starts.
/// </summary>
/// <param name="Audio">A WAV file's bytes; null or empty means the caller says nothing, and Twilio then skips the action.</param>
/// <param name="HangsUp">The caller hangs up during this recording (Twilio posts the action with Digits=hangup).</param>
/// <param name="PressesFinishKey">The caller ends the recording with the finish key; otherwise it ends on the silence timeout.</param>
public sealed record CallerTurn(byte[]? Audio, bool HangsUp = false, bool PressesFinishKey = true)
{
    /// <summary>A turn where the caller stays silent until Twilio's timeout.</summary>
    public static CallerTurn Nothing { get; } = new((byte[]?)null);

    public bool SaysSomething => Audio is { Length: > 0 };
}

/// <summary>How to run one simulated call. The defaults match a developer's machine running the API in Development.</summary>
public sealed record SimulationOptions
{
    public const string DefaultApi = "http://localhost:5080";

    /// <summary>The API's Development default for Twilio:AuthToken (DevelopmentDefaults in AgentLocator.Api).</summary>
    public const string DevelopmentToken = "development-twilio-token";

    public const string DefaultFrom = "+972501234567";

    /// <summary>The demo business's Twilio number in the development seed.</summary>
    public const string DemoBusinessNumber = "+97235550100";

    public const string IncomingCallPath = "/webhook/incoming_call";
    public const string CallStatusPath = "/webhook/call_status";

    /// <summary>Where requests are sent.</summary>
    public Uri Api { get; init; } = new(DefaultApi);

    /// <summary>
    /// The URL Twilio was configured with (the server's PUBLIC_HOST): what requests are signed with, and which absolute
    /// URLs in TwiML are really the API. Null means <see cref="Api"/>.
    /// </summary>
    public string? PublicHost { get; init; }

    public string AuthToken { get; init; } = DevelopmentToken;
    public string From { get; init; } = DefaultFrom;
    public string To { get; init; } = DemoBusinessNumber;

    /// <summary>Fixed ids make a run repeatable (e.g. to replay Twilio's retry); null picks fresh random ones.</summary>
    public string? CallSid { get; init; }
    public string? AccountSid { get; init; }

    /// <summary>One per <c>&lt;Record&gt;</c>, in order; once they run out the caller says nothing.</summary>
    public IReadOnlyList<CallerTurn> Turns { get; init; } = [];

    /// <summary>When a turn <see cref="CallerTurn.HangsUp"/>: which of its action and the status callback the server gets first.</summary>
    public HangUpOrder HangUpOrder { get; init; } = HangUpOrder.RecordingFirst;

    /// <summary>"no-answer" or "busy": the call is never answered, so only the status callback is posted.</summary>
    public string? MissedCallStatus { get; init; }

    /// <summary>Real seconds waited per simulated second: 1 is a real call's pace, 0 does not wait at all.</summary>
    public double Speed { get; init; }

    /// <summary>The first download of each recording answers 404, as Twilio's does while it is still processing.</summary>
    public bool RecordingNotReadyOnce { get; init; }

    /// <summary>Bounds a call whose TwiML keeps redirecting; exceeding it is a failure.</summary>
    public int MaxVerbs { get; init; } = 50;

    /// <summary>Twilio gives up on a webhook after 15 s.</summary>
    public TimeSpan WebhookTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>After the call, keep serving recordings until each was downloaded once, or this long.</summary>
    public TimeSpan RecordingDownloadWait { get; init; } = TimeSpan.Zero;

    /// <summary>Also print each TwiML document as received, for debugging the server's answers.</summary>
    public bool PrintTwiml { get; init; }

    /// <summary>
    /// Sends the requests to the API (e.g. a WebApplicationFactory's client); null creates one that does not follow
    /// HTTP redirects, so a 3xx is reported rather than hidden.
    /// </summary>
    public HttpClient? Http { get; init; }
}
