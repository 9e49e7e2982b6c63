using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace AgentLocator.FakeProviders;

public sealed record RecordingRequest(string AccountSid, string RecordingSid, int Status, bool SentCredentials);

/// <summary>
/// Twilio's recording media: <c>GET /2010-04-01/Accounts/{AccountSid}/Recordings/{RecordingSid}</c> serves the
/// registered bytes, after answering 404 as many times as the recording was told to be "not ready yet". With
/// <see cref="RequireCredentials"/>, HTTP Basic auth with the account's SID and token is checked, as an account with
/// protected media does. <see cref="Messages"/> is its Messages API.
/// </summary>
public sealed class FakeTwilio
{
    /// <summary>
    /// The account the fake plays unless told otherwise: it starts with AC as Twilio's do, but is not 32 hex digits, so it
    /// can never be a real account and secret scanners do not take it for one. The AppHost (Resources/FakeProviders.cs) and the web e2e tests
    /// (e2e/environment.ts) use the same value, so a secret scanner meets one recognisable placeholder.
    /// </summary>
    public const string DefaultAccountSid = "ACfake-local-twilio-account";

    private readonly ConcurrentDictionary<string, Recording> recordings = new(StringComparer.Ordinal);
    private Uri baseAddress = null!;

    private sealed class Recording(byte[] content, string contentType, int notReadyFor)
    {
        private int remaining = notReadyFor;

        public byte[] Content => content;

        public string ContentType => contentType;

        public bool TakeNotReady() => Interlocked.Decrement(ref remaining) >= 0;
    }

    public string AccountSid { get; private set; } = DefaultAccountSid;

    /// <summary>Null unless <see cref="RequireCredentials"/> was called.</summary>
    public string? AuthToken { get; private set; }

    public FakeFaults Faults { get; } = new();

    /// <summary>The Messages API (WhatsApp sends and their status callbacks).</summary>
    public FakeTwilioMessages Messages { get; }

    /// <summary>The Content API's template list (content.twilio.com).</summary>
    public FakeTwilioContent Content { get; }

    public FakeTwilio()
    {
        Messages = new FakeTwilioMessages(this);
        Content = new FakeTwilioContent(this);
    }

    public RequestLog<RecordingRequest> Requests { get; } = new();

    public void RequireCredentials(string accountSid, string authToken)
    {
        AccountSid = accountSid;
        AuthToken = authToken;
    }

    /// <summary>Registers a recording and returns its RecordingUrl (without extension, as Twilio posts it).</summary>
    /// <param name="notReadyFor">How many requests are answered 404 before the recording is served.</param>
    public Uri AddRecording(byte[] content, string contentType = "audio/x-wav", int notReadyFor = 0, string? recordingSid = null)
    {
        recordingSid ??= "RE" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        recordings[recordingSid] = new Recording(content, contentType, notReadyFor);
        return new Uri(baseAddress, $"2010-04-01/Accounts/{AccountSid}/Recordings/{recordingSid}");
    }

    public void Reset()
    {
        recordings.Clear();
        Faults.Clear();
        Requests.Clear();
        Messages.Reset();
        Content.Reset();
    }

    internal void Started(Uri address) => baseAddress = address;

    internal void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/2010-04-01/Accounts/{accountSid}/Recordings/{recordingSid}", ServeAsync);
        Messages.Map(routes);
        Content.Map(routes);
    }

    private async Task<IResult> ServeAsync(string accountSid, string recordingSid, HttpContext context)
    {
        // Twilio also serves "{sid}.wav" and "{sid}.mp3"; the fake serves the registered bytes for either.
        var sid = Path.GetFileNameWithoutExtension(recordingSid);
        var sentCredentials = context.Request.Headers.Authorization.ToString().StartsWith("Basic ", StringComparison.Ordinal);
        var result = await AnswerAsync(accountSid, sid, context);
        Requests.Add(new RecordingRequest(accountSid, sid, result.Status, sentCredentials));
        return result.Result;
    }

    private async Task<(int Status, IResult Result)> AnswerAsync(string accountSid, string sid, HttpContext context)
    {
        if (AuthToken is not null && (accountSid != AccountSid || !HasValidCredentials(context.Request)))
        {
            context.Response.Headers.WWWAuthenticate = "Basic realm=\"Twilio API\"";
            return (401, Error(StatusCodes.Status401Unauthorized, "Authenticate", 20003));
        }
        if (await Faults.ApplyAsync(context, status => Error(status, "The fake was told to fail.", 20500)) is { } fault)
        {
            return (Faults.Status ?? StatusCodes.Status200OK, fault);
        }
        if (!recordings.TryGetValue(sid, out var recording) || recording.TakeNotReady())
        {
            return (404, Error(StatusCodes.Status404NotFound, $"The requested resource /2010-04-01/Accounts/{accountSid}/Recordings/{sid} was not found", 20404));
        }
        return (200, Results.Bytes(recording.Content, recording.ContentType));
    }

    internal bool HasValidCredentials(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("Basic ", StringComparison.Ordinal))
        {
            return false;
        }
        try
        {
            var expected = Encoding.UTF8.GetBytes($"{AccountSid}:{AuthToken}");
            return CryptographicOperations.FixedTimeEquals(Convert.FromBase64String(header["Basic ".Length..]), expected);
        }
        catch (FormatException)
        {
            return false;
        }
    }

    internal static IResult Error(int status, string message, int code) =>
        Results.Json(new { code, message, more_info = $"https://www.twilio.com/docs/errors/{code}", status }, statusCode: status);
}
