using System.Net.Http.Headers;
using System.Text.Json;

namespace AgentLocator.Bench;

/// <summary>
/// Set-up for the read scenarios: each path is fetched once and must answer 200 with items (so a broken query cannot
/// look fast), then the measured requests rotate over the paths with one signed-in token.
/// </summary>
public static class CheckedReads
{
    /// <param name="emptyHint">What to say when a path answers no items: which load the scenario needs.</param>
    public static async Task<Func<HttpRequestMessage>> RotateAsync(
        ScenarioContext context, IReadOnlyList<string> paths, string emptyHint, CancellationToken ct, string? token = null)
    {
        token ??= await ScenarioCatalog.SignInAsync(context, ct);
        if (paths.Count == 0)
        {
            throw new InvalidOperationException($"Setup found nothing to request: {emptyHint}");
        }
        foreach (var path in paths)
        {
            await GetItemsAsync(context, token, path, emptyHint, ct);
        }
        var uris = paths.Select(context.Api).ToArray();
        var next = -1;
        var authorization = new AuthenticationHeaderValue("Bearer", token);
        return () => new HttpRequestMessage(HttpMethod.Get, uris[(uint)Interlocked.Increment(ref next) % (uint)uris.Length])
        {
            Headers = { Authorization = authorization },
        };
    }

    public static async Task<JsonElement> GetItemsAsync(ScenarioContext context, string token, string path, string emptyHint, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, context.Api(path)) { Headers = { Authorization = new("Bearer", token) } };
        using var response = await context.Client.SendAsync(request, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        if (response.StatusCode != System.Net.HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"Setup GET {path} answered {(int)response.StatusCode}: {text}");
        }
        var body = JsonSerializer.Deserialize<JsonElement>(text);
        if (body.GetProperty("items").GetArrayLength() == 0)
        {
            throw new InvalidOperationException($"Setup GET {path} returned no items: {emptyHint}");
        }
        return body;
    }
}
