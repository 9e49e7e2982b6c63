namespace AgentLocator.Bench;

/// <summary>
/// One thing to measure. <see cref="PrepareAsync"/> runs once, unmeasured (e.g. signing in for a token), and returns
/// the factory the workers call for every request: an <see cref="HttpRequestMessage"/> cannot be sent twice.
/// </summary>
public sealed record Scenario(
    string Name,
    string Label,
    bool NeedsApi,
    Func<ScenarioContext, CancellationToken, Task<Func<HttpRequestMessage>>> PrepareAsync);

/// <summary>What a scenario may use while preparing: the shared client and where the servers listen.</summary>
public sealed record ScenarioContext(HttpClient Client, Uri CeilingBaseUri, Uri? ApiBaseUri)
{
    public Uri Api(string relative) =>
        new(ApiBaseUri ?? throw new InvalidOperationException("This scenario needs --api-url."), relative);
}
