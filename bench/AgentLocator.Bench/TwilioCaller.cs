using AgentLocator.CallSimulator;

namespace AgentLocator.Bench;

/// <summary>
/// Twilio's side of the voice webhooks, for the call scenarios: the form fields Twilio posts, signed over the public
/// URL the API checks (PUBLIC_HOST + path + query) and sent to the API's real address.
/// </summary>
public sealed class TwilioCaller(Uri api, CallOptions options)
{
    public const string IncomingCallPath = "/webhook/incoming_call";
    public const string HandleRecordingPath = "/webhook/handle_recording";

    private static readonly string AccountSid = TwilioIds.NewAccountSid();

    // Callers' numbers: Israeli mobiles (+972 58…), counted up from a random point so two runs against one database
    // rarely meet an earlier run's caller (who would be found, not created as a lead).
    private static long nextCaller = Random.Shared.Next(0, 5_000_000);

    public string PublicHost => options.PublicHost;

    /// <summary>A first call: a new CallSid from a number the business has never seen.</summary>
    public static CallIdentity NewCall() =>
        new(TwilioIds.NewCallSid(), $"+97258{Interlocked.Increment(ref nextCaller) % 10_000_000:D7}");

    public HttpRequestMessage IncomingCall(CallIdentity call) => Post(IncomingCallPath, CallFields(call));

    public HttpRequestMessage HandleRecording(CallIdentity call, string recordingSid, string recordingUrl, int seconds) =>
        Post(HandleRecordingPath,
        [
            .. CallFields(call),
            new("RecordingSid", recordingSid),
            new("RecordingUrl", recordingUrl),
            new("RecordingDuration", seconds.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ]);

    /// <summary>Follows a &lt;Redirect&gt;: Twilio resolves its relative URL against the document's, i.e. the public host.</summary>
    public HttpRequestMessage Redirect(CallIdentity call, string relativeUrl) => Post(relativeUrl, CallFields(call));

    private HttpRequestMessage Post(string pathAndQuery, List<KeyValuePair<string, string>> fields)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(api, pathAndQuery)) { Content = new FormUrlEncodedContent(fields) };
        request.Headers.TryAddWithoutValidation(TwilioSigner.Header, TwilioSigner.Sign(options.AuthToken, options.PublicHost + pathAndQuery, fields));
        return request;
    }

    /// <summary>What Twilio posts to every voice webhook of an answered inbound call.</summary>
    private static List<KeyValuePair<string, string>> CallFields(CallIdentity call) =>
    [
        new("AccountSid", AccountSid),
        new("ApiVersion", "2010-04-01"),
        new("CallSid", call.CallSid),
        new("CallStatus", "in-progress"),
        new("Direction", "inbound"),
        new("From", call.From),
        new("To", SimulationOptions.DemoBusinessNumber),
    ];
}

/// <summary>One simulated call: its CallSid and the caller's number.</summary>
public sealed record CallIdentity(string CallSid, string From);
