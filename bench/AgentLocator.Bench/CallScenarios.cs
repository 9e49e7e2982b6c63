using AgentLocator.CallSimulator;

namespace AgentLocator.Bench;

/// <summary>
/// The AI receptionist's webhooks, played as Twilio plays them (signed forms, new CallSids, following redirects).
/// <c>call-incoming</c> is a catalog scenario (closed loop against the ceiling, then open loop at a fixed rate);
/// <c>call-recording</c> and <c>call-turn</c> are count-based (<see cref="CallRun"/>): each needs calls set up first,
/// and each measures only the requests of the issue's goal.
/// </summary>
public static class CallScenarios
{
    public const string Incoming = "call-incoming";
    public const string IncomingKnown = "call-incoming-known";
    public const string Recording = "call-recording";
    public const string Turn = "call-turn";

    public static IReadOnlyList<string> Names { get; } = [Incoming, IncomingKnown, Recording, Turn];

    /// <summary>The count-based ones, run by <see cref="RunAsync"/> after the closed-loop scenarios.</summary>
    public static IReadOnlyList<string> RunnerNames { get; } = [Recording, Turn];

    public static bool IsRunnerScenario(string name) => RunnerNames.Contains(name);

    /// <summary>The issue's goal for incoming_call is stated at this offered rate (p99 ≤ 20 ms at 200 calls/s).</summary>
    public const double IncomingRate = 200;

    /// <summary>Each request is a first call: a new CallSid from a new number, so it stores a call row and a new lead.</summary>
    public static Scenario IncomingScenario { get; } =
        new(Incoming, "POST /webhook/incoming_call (new caller: call + lead)", NeedsApi: true, PrepareIncomingAsync)
        {
            // A failure inside the API still answers 200 TwiML (an apology), so only a greeting counts as right.
            Check = async (response, ct) => (await TwimlAnswer.ReadAsync(response, ct)).ProblemUnless(TwimlStep.Greeting),
            FixedRate = IncomingRate,
        };

    /// <summary>How many known callers <see cref="IncomingKnownScenario"/> cycles through (each called once in its setup).</summary>
    public const int KnownCallers = 200;

    /// <summary>Each request a new CallSid from a caller the business already has (a returning customer: no lead is made).</summary>
    public static Scenario IncomingKnownScenario { get; } =
        new(IncomingKnown, "POST /webhook/incoming_call (known caller: call only)", NeedsApi: true, PrepareIncomingKnownAsync)
        {
            Check = async (response, ct) => (await TwimlAnswer.ReadAsync(response, ct)).ProblemUnless(TwimlStep.Greeting),
            FixedRate = IncomingRate,
        };

    private static async Task<Func<HttpRequestMessage>> PrepareIncomingKnownAsync(ScenarioContext context, CancellationToken cancellationToken)
    {
        var caller = new TwilioCaller(context.ApiBaseUri ?? throw new InvalidOperationException("call-incoming-known needs --api-url."), context.Calls);
        // Setup, unmeasured: each number's first call makes it a lead, so every measured call is from a known customer.
        var numbers = new string[KnownCallers];
        for (var i = 0; i < numbers.Length; i++)
        {
            var first = TwilioCaller.NewCall();
            using var response = await context.Client.SendAsync(caller.IncomingCall(first), cancellationToken);
            if ((await TwimlAnswer.ReadAsync(response, cancellationToken)).ProblemUnless(TwimlStep.Greeting) is { } problem)
            {
                throw new InvalidOperationException($"Setup incoming_call for a known caller answered {problem}.");
            }
            numbers[i] = first.From;
        }
        var next = -1L;
        return () => caller.IncomingCall(new CallIdentity(TwilioIds.NewCallSid(), numbers[Interlocked.Increment(ref next) % numbers.Length]));
    }

    private static async Task<Func<HttpRequestMessage>> PrepareIncomingAsync(ScenarioContext context, CancellationToken cancellationToken)
    {
        var caller = new TwilioCaller(context.ApiBaseUri ?? throw new InvalidOperationException("call-incoming needs --api-url."), context.Calls);
        // One call first, so a wrong token or public host fails here with a reason instead of as thousands of 403s.
        using var response = await context.Client.SendAsync(caller.IncomingCall(TwilioCaller.NewCall()), cancellationToken);
        if ((await TwimlAnswer.ReadAsync(response, cancellationToken)).ProblemUnless(TwimlStep.Greeting) is { } problem)
        {
            throw new InvalidOperationException(
                $"Setup incoming_call answered {problem}. The bench signs with --public-host {context.Calls.PublicHost} and --twilio-token "
                + "(default: the API's Development values); they must match the API's PUBLIC_HOST and TWILIO_TOKEN.");
        }
        return () => caller.IncomingCall(TwilioCaller.NewCall());
    }

    public static async Task<List<CallResult>> RunAsync(
        HttpClient http, Uri api, BenchOptions options, IReadOnlyList<string> names, CostMeter cost, CancellationToken cancellationToken)
    {
        await using var recording = await CallerRecording.OpenAsync(options.Calls.FakesUrl, http, cancellationToken);
        await using var database = CallDatabase.Open(options.Alerts.ConnectionString);
        Console.Error.WriteLine($"[calls] recording {recording.Url} from {recording.Where}; database {(database is null ? "not given (no stage timings)" : "connected")}");
        if (names.Contains(Turn) && options.Calls.FakesUrl is null)
        {
            Console.Error.WriteLine("[calls] call-turn needs the API pointed at the fake providers (bench/run.sh --calls); without them every reply is the fallback.");
        }
        var run = new CallRun(http, new TwilioCaller(api, options.Calls), recording, database, cost, options.Concurrency, options.Calls.Count, cancellationToken);
        var results = new List<CallResult>();
        foreach (var name in RunnerNames.Where(names.Contains))
        {
            Console.Error.WriteLine($"[calls] {name}: {options.Calls.Count} calls at concurrency {options.Concurrency}");
            var result = name == Recording ? await run.RecordingAsync() : await run.TurnAsync();
            Console.Error.WriteLine(CallReport.Invariant(
                $"[calls]   p50 {result.P50:0.0} ms, p95 {result.P95:0.0} ms, p99 {result.P99:0.0} ms, {result.Errors.Values.Sum()} errors"));
            results.Add(result);
            if (cancellationToken.IsCancellationRequested)
            {
                break;
            }
        }
        return results;
    }
}
