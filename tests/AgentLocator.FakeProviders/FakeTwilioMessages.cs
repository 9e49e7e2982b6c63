using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace AgentLocator.FakeProviders;

/// <summary>A send that reached the fake: the form Twilio's Messages API received, and the SID it answered.</summary>
public sealed record MessageSend(string AccountSid, string? Sid, int Status, string? To, string? From, string? Body,
    string? ContentSid, string? ContentVariables, string? StatusCallback, bool SentCredentials);

/// <summary>
/// Twilio's Messages API: <c>POST /2010-04-01/Accounts/{AccountSid}/Messages.json</c> takes the form the SDK sends
/// (To, From, Body or ContentSid + ContentVariables, StatusCallback) and answers 201 with Twilio's message JSON
/// (status <c>queued</c>). It then calls the StatusCallback the way Twilio does: form-encoded POSTs signed with the
/// account's auth token (X-Twilio-Signature), in the real order sent → delivered → read, each after the previous one
/// was answered. A scripted refusal answers Twilio's error JSON (code, message, more_info, status) instead.
/// </summary>
public sealed class FakeTwilioMessages(FakeTwilio account)
{
    private readonly ConcurrentQueue<(int Status, int Code, string Message)> refusals = new();
    private readonly HttpClient callbacks = new() { Timeout = TimeSpan.FromSeconds(30) };

    public RequestLog<MessageSend> Sends { get; } = new();

    /// <summary>The statuses reported after a send, in order. Twilio's own order by default.</summary>
    public IReadOnlyList<string> CallbackStatuses { get; set; } = ["sent", "delivered", "read"];

    /// <summary>How long to wait before each status callback (none by default).</summary>
    public TimeSpan CallbackDelay { get; set; } = TimeSpan.Zero;

    /// <summary>
    /// The token the callbacks are signed with: the account's auth token. Must be set for callbacks to be sent
    /// (Twilio signs every callback; an unsigned one would only test the refusal).
    /// </summary>
    public string? SigningToken { get; set; }

    /// <summary>
    /// Where callbacks are actually delivered when the StatusCallback names a public host this machine cannot reach
    /// (behind a proxy in production): the path and query are kept, and the signature is over the URL as given.
    /// </summary>
    public Uri? DeliverCallbacksTo { get; set; }

    /// <summary>The statuses posted back, per MessageSid, with the HTTP status our webhook answered.</summary>
    public RequestLog<(string MessageSid, string Status, int Answer)> Callbacks { get; } = new();

    /// <summary>The next send is refused with Twilio's error <paramref name="code"/> (e.g. 63016 outside the window).</summary>
    public void RefuseNext(int code, string message, int status = 400) => refusals.Enqueue((status, code, message));

    public void Reset()
    {
        refusals.Clear();
        Sends.Clear();
        Callbacks.Clear();
        CallbackStatuses = ["sent", "delivered", "read"];
        CallbackDelay = TimeSpan.Zero;
    }

    internal void Map(IEndpointRouteBuilder routes) =>
        routes.MapPost("/2010-04-01/Accounts/{accountSid}/Messages.json", CreateAsync);

    private async Task<IResult> CreateAsync(string accountSid, HttpContext context)
    {
        var form = context.Request.HasFormContentType ? await context.Request.ReadFormAsync(context.RequestAborted) : null;
        string? Field(string name) => form is not null && form.TryGetValue(name, out var value) && value.Count > 0 ? value.ToString() : null;
        var sentCredentials = context.Request.Headers.Authorization.ToString().StartsWith("Basic ", StringComparison.Ordinal);
        MessageSend Logged(int status, string? sid) => new(accountSid, sid, status, Field("To"), Field("From"), Field("Body"),
            Field("ContentSid"), Field("ContentVariables"), Field("StatusCallback"), sentCredentials);

        if (account.AuthToken is not null && (accountSid != account.AccountSid || !account.HasValidCredentials(context.Request)))
        {
            Sends.Add(Logged(401, null));
            context.Response.Headers.WWWAuthenticate = "Basic realm=\"Twilio API\"";
            return FakeTwilio.Error(StatusCodes.Status401Unauthorized, "Authenticate", 20003);
        }
        if (Field("To") is null || (Field("Body") is null && Field("ContentSid") is null && Field("MediaUrl") is null))
        {
            Sends.Add(Logged(400, null));
            return FakeTwilio.Error(400, Field("To") is null ? "A 'To' phone number is required." : "A text message body or media urls must be specified.",
                Field("To") is null ? 21604 : 21602);
        }
        if (refusals.TryDequeue(out var refusal))
        {
            Sends.Add(Logged(refusal.Status, null));
            return FakeTwilio.Error(refusal.Status, refusal.Message, refusal.Code);
        }
        var sid = "SM" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        Sends.Add(Logged(201, sid));
        var now = DateTimeOffset.UtcNow.ToString("ddd, dd MMM yyyy HH:mm:ss +0000", CultureInfo.InvariantCulture);
        var answer = new Dictionary<string, object?>
        {
            ["account_sid"] = accountSid, ["api_version"] = "2010-04-01", ["body"] = Field("Body") ?? "",
            ["date_created"] = now, ["date_sent"] = null, ["date_updated"] = now, ["direction"] = "outbound-api",
            ["error_code"] = null, ["error_message"] = null, ["from"] = Field("From"), ["messaging_service_sid"] = null,
            ["num_media"] = "0", ["num_segments"] = "1", ["price"] = null, ["price_unit"] = "USD", ["sid"] = sid, ["status"] = "queued",
            ["subresource_uris"] = new Dictionary<string, string> { ["media"] = $"/2010-04-01/Accounts/{accountSid}/Messages/{sid}/Media.json" },
            ["to"] = Field("To"), ["uri"] = $"/2010-04-01/Accounts/{accountSid}/Messages/{sid}.json",
        };
        if (Field("StatusCallback") is { } callback && SigningToken is { } token)
        {
            // After the answer is written, as Twilio's callbacks come after its answer.
            var fields = new Dictionary<string, string>
            {
                ["AccountSid"] = accountSid, ["ApiVersion"] = "2010-04-01", ["From"] = Field("From") ?? "", ["To"] = Field("To") ?? "",
                ["MessageSid"] = sid, ["SmsSid"] = sid, ["ChannelPrefix"] = "whatsapp",
            };
            // The statuses as scripted when the send arrived, so a test changing the script later does not race this send.
            var statuses = CallbackStatuses.ToList();
            context.Response.OnCompleted(() =>
            {
                _ = Task.Run(() => ReportAsync(callback, token, fields, statuses));
                return Task.CompletedTask;
            });
        }
        return Results.Json(answer, statusCode: StatusCodes.Status201Created);
    }

    private async Task ReportAsync(string callback, string token, Dictionary<string, string> fields, IReadOnlyList<string> statuses)
    {
        foreach (var status in statuses)
        {
            if (CallbackDelay > TimeSpan.Zero)
            {
                await Task.Delay(CallbackDelay);
            }
            var form = new Dictionary<string, string>(fields) { ["MessageStatus"] = status, ["SmsStatus"] = status };
            var answer = await PostSignedAsync(callback, token, form);
            Callbacks.Add((fields["MessageSid"], status, answer));
        }
    }

    /// <summary>Posts a form to <paramref name="url"/> signed as Twilio signs it; answers the HTTP status (0 when unreachable).</summary>
    public async Task<int> PostSignedAsync(string url, string token, IReadOnlyDictionary<string, string> form)
    {
        var target = new Uri(url);
        if (DeliverCallbacksTo is { } deliverTo)
        {
            target = new Uri(deliverTo, target.PathAndQuery.TrimStart('/'));
        }
        using var request = new HttpRequestMessage(HttpMethod.Post, target) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Add("X-Twilio-Signature", Sign(token, url, form));
        try
        {
            using var response = await callbacks.SendAsync(request);
            return (int)response.StatusCode;
        }
        catch (HttpRequestException)
        {
            return 0;
        }
    }

    /// <summary>Twilio's request signature: HMAC-SHA1 (key: the auth token) of the URL followed by each field name and value, by name.</summary>
    public static string Sign(string token, string url, IReadOnlyDictionary<string, string> form)
    {
        var data = new StringBuilder(url);
        foreach (var (name, value) in form.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            data.Append(name).Append(value);
        }
        return Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(token), Encoding.UTF8.GetBytes(data.ToString())));
    }
}
