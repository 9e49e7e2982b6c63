using System.Globalization;

namespace AgentLocator.CallSimulator;

/// <summary>
/// One call's state and record: its ids and Twilio's standard fields, the simulated clock, the fake recording
/// server (started only when the caller records something), and everything that happened. Status callbacks run
/// beside the call, so what they touch is locked.
/// </summary>
internal sealed class CallSession(SimulationOptions options, TwilioUrls urls, HttpClient http, TextWriter output) : IAsyncDisposable
{
    private readonly Lock gate = new();
    private readonly List<WebhookExchange> exchanges = [];
    private readonly List<string> failures = [];
    private readonly List<Task> callbacks = [];
    private FakeRecordingServer? recordingServer;

    public SimulationOptions Options { get; } = options;
    public TwilioUrls Urls { get; } = urls;
    public HttpClient Http { get; } = http;
    public WebhookClient Webhooks { get; } = new(http, urls, options.AuthToken, options.WebhookTimeout);
    public TextWriter Output { get; } = output;
    public SimulatedClock Clock { get; } = new(options.Speed);
    public string CallSid { get; } = options.CallSid ?? TwilioIds.NewCallSid();
    public string AccountSid { get; } = options.AccountSid ?? TwilioIds.NewAccountSid();

    public List<ExecutedVerb> Verbs { get; } = [];
    public List<string> SpokenTexts { get; } = [];
    public List<string> PlayedUrls { get; } = [];
    public List<RecordingPosted> Recordings { get; } = [];
    public int SkippedRecordings { get; set; }

    /// <summary>How many &lt;Record&gt; verbs have started, i.e. which caller turn is next.</summary>
    public int RecordsStarted { get; set; }

    /// <summary>The fields Twilio puts on every request about this call.</summary>
    public List<KeyValuePair<string, string>> CallFields(string callStatus) =>
    [
        new("AccountSid", AccountSid), new("ApiVersion", "2010-04-01"), new("CallSid", CallSid), new("CallStatus", callStatus),
        new("Called", Options.To), new("Caller", Options.From), new("Direction", "inbound"), new("From", Options.From), new("To", Options.To),
    ];

    /// <summary>Sends a webhook, prints and records the exchange (a failed one also as a failure).</summary>
    public async Task<WebhookReply> SendAsync(string method, string publicUrl, IReadOnlyList<KeyValuePair<string, string>> fields,
        bool expectTwiml, CancellationToken cancellationToken)
    {
        var reply = await Webhooks.SendAsync(method, publicUrl, fields, expectTwiml, cancellationToken);
        var exchange = reply.Exchange;
        if (expectTwiml)
        {
            // The caller hears nothing while Twilio waits for TwiML: that wait is part of the call.
            Clock.AddMeasured(exchange.Latency);
        }
        lock (gate)
        {
            exchanges.Add(exchange);
            var answer = exchange.StatusCode is { } code ? $"{code} {exchange.ContentType}".TrimEnd() : "no answer";
            Output.WriteLine($"   ↪ {exchange.Method} {exchange.Path} → {answer} in {exchange.Latency.TotalMilliseconds:0} ms");
            if (Options.PrintTwiml && exchange.Body is { Length: > 0 } body && expectTwiml)
            {
                Output.WriteLine("     " + body.ReplaceLineEndings("\n     "));
            }
        }
        if (exchange.Problem is { } problem)
        {
            Fail(problem);
        }
        return reply;
    }

    /// <summary>Runs a status callback beside the call, as Twilio does; it is awaited before the call's result is built.</summary>
    public void SendLater(TimeSpan delay, string method, string publicUrl, IReadOnlyList<KeyValuePair<string, string>> fields, CancellationToken cancellationToken)
    {
        var callback = Task.Run(async () =>
        {
            await Clock.Delay(delay, cancellationToken);
            await SendAsync(method, publicUrl, fields, expectTwiml: false, cancellationToken);
        }, cancellationToken);
        lock (gate)
        {
            callbacks.Add(callback);
        }
    }

    public async Task WaitForCallbacksAsync()
    {
        Task[] pending;
        lock (gate)
        {
            pending = [.. callbacks];
        }
        await Task.WhenAll(pending);
    }

    /// <summary>The call's final status once posted (it may be posted mid-call, before a hung-up recording's action).</summary>
    public (string Status, int Seconds)? FinalStatus { get; private set; }

    /// <summary>Posts call_status with the call's time so far; once per call.</summary>
    public async Task PostFinalStatusAsync(string status, CancellationToken cancellationToken)
    {
        if (FinalStatus is not null)
        {
            return;
        }
        var seconds = Clock.WholeSeconds;
        FinalStatus = (status, seconds);
        var fields = CallFields(status);
        fields.Add(new("CallDuration", seconds.ToString(CultureInfo.InvariantCulture)));
        Print($"☎️  call_status {status}, {seconds} s");
        await SendAsync("POST", Urls.Public(SimulationOptions.CallStatusPath), fields, expectTwiml: false, cancellationToken);
    }

    public async Task<FakeRecordingServer> RecordingServerAsync(CancellationToken cancellationToken) =>
        recordingServer ??= await FakeRecordingServer.StartAsync(AccountSid, Options.RecordingNotReadyOnce, cancellationToken);

    public Task WaitForDownloadsAsync(CancellationToken cancellationToken) =>
        recordingServer?.WaitForDownloadsAsync(Options.RecordingDownloadWait, cancellationToken) ?? Task.CompletedTask;

    public void Fail(string problem)
    {
        lock (gate)
        {
            failures.Add(problem);
            Output.WriteLine($"❌ {problem}");
        }
    }

    public void Print(string line)
    {
        lock (gate)
        {
            Output.WriteLine(line);
        }
    }

    public SimulationResult Result(string finalStatus, int durationSeconds)
    {
        lock (gate)
        {
            return new SimulationResult
            {
                CallSid = CallSid,
                AccountSid = AccountSid,
                FinalCallStatus = finalStatus,
                CallDurationSeconds = durationSeconds,
                Exchanges = [.. exchanges],
                Verbs = [.. Verbs],
                SpokenTexts = [.. SpokenTexts],
                PlayedUrls = [.. PlayedUrls],
                Recordings = [.. Recordings],
                RecordingDownloads = recordingServer?.Downloads ?? [],
                SkippedRecordings = SkippedRecordings,
                Failures = [.. failures],
            };
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (recordingServer is not null)
        {
            await recordingServer.DisposeAsync();
        }
    }
}
