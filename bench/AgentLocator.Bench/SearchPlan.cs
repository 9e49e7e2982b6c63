using System.Text;

namespace AgentLocator.Bench;

/// <summary>
/// The plan Postgres chose for the name search just measured: the API's bench probe re-runs its last search
/// statements (page and count, with their own parameters) under EXPLAIN (ANALYZE, BUFFERS), so the plan printed is
/// the plan of the SQL the API sends, not of a hand-written copy.
/// </summary>
public static class SearchPlan
{
    public static async Task<string> ReadAsync(HttpClient client, Uri api, CancellationToken cancellationToken)
    {
        var text = new StringBuilder();
        text.AppendLine("Plan of the last name search (EXPLAIN (ANALYZE, BUFFERS), the API's own statements, re-run after the scenario):");
        text.AppendLine();
        try
        {
            using var response = await client.GetAsync(new Uri(api, "/bench/explain-search"), cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            text.AppendLine("```");
            text.AppendLine(response.IsSuccessStatusCode ? body.TrimEnd() : $"HTTP {(int)response.StatusCode}: the API runs without Bench:Probes=true, or no search ran. {body}");
            text.AppendLine("```");
        }
        catch (HttpRequestException exception)
        {
            text.AppendLine($"(not read: {exception.Message})");
        }
        return text.ToString();
    }
}
