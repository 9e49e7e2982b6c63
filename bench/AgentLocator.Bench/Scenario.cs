namespace AgentLocator.Bench;

/// <summary>
/// One thing to measure. <see cref="PrepareAsync"/> runs once, unmeasured (e.g. signing in for a token), and returns
/// the factory the workers call for every request: an <see cref="HttpRequestMessage"/> cannot be sent twice.
/// </summary>
public sealed record Scenario(
    string Name,
    string Label,
    bool NeedsApi,
    Func<ScenarioContext, CancellationToken, Task<Func<HttpRequestMessage>>> PrepareAsync)
{
    /// <summary>
    /// Looks inside a 2xx answer (its content is already read): null when it is right, else what is wrong, counted as
    /// an error of that kind. For endpoints whose failures still answer 200, e.g. Twilio's apology TwiML.
    /// </summary>
    public Func<HttpResponseMessage, CancellationToken, Task<string?>>? Check { get; init; }

    /// <summary>When set, the scenario also runs open-loop at this many requests per second, after its closed-loop run.</summary>
    public double? FixedRate { get; init; }
}

/// <summary>What a scenario may use while preparing: the shared client, where the servers listen, the call settings.</summary>
public sealed record ScenarioContext(HttpClient Client, Uri CeilingBaseUri, Uri? ApiBaseUri, CallOptions Calls)
{
    public Uri Api(string relative) =>
        new(ApiBaseUri ?? throw new InvalidOperationException("This scenario needs --api-url."), relative);
}
