using System.Text.Json;

namespace AgentLocator.Bench;

/// <summary>
/// The customer timeline against the loaded business (bench/run.sh --timeline: 1 M events over 10 k customers, one of
/// them with 10 k). Every setup request must answer 200 with items, so a broken query cannot look fast; cursors come
/// from walking the busy customer's timeline.
/// </summary>
public static class TimelineScenarios
{
    /// <summary>The busy customer bench/timeline-load.sql gives 10,000 events.</summary>
    public const string BusyCustomer = "0193a000-0000-7000-8000-00000000b16c";

    private const string Timeline = $"/api/crm/customers/{BusyCustomer}/timeline";

    public static IReadOnlyList<string> Names { get; } = ["timeline-first-page", "timeline-cursor", "timeline-kind", "timeline-feed"];

    public static IEnumerable<Scenario> All { get; } =
    [
        new("timeline-first-page", "GET customer timeline, first page (10 k events)", NeedsApi: true,
            (context, ct) => RotateAsync(context, [$"{Timeline}?limit=30"], ct)),
        new("timeline-cursor", "GET customer timeline, cursor step", NeedsApi: true, PrepareCursorAsync),
        new("timeline-kind", "GET customer timeline ?kind=call / task", NeedsApi: true,
            (context, ct) => RotateAsync(context, [$"{Timeline}?kind=call&limit=30", $"{Timeline}?kind=task&limit=30", $"{Timeline}?kind=note&kind=call&limit=30"], ct)),
        new("timeline-feed", "GET business feed, first page (1 M events)", NeedsApi: true,
            (context, ct) => RotateAsync(context, ["/api/crm/timeline?limit=30"], ct)),
    ];

    /// <summary>Cursors at several depths of the busy customer's 10,000 events (pages 1 to 300 of 30).</summary>
    private static async Task<Func<HttpRequestMessage>> PrepareCursorAsync(ScenarioContext context, CancellationToken ct)
    {
        var token = await ScenarioCatalog.SignInAsync(context, ct);
        var paths = new List<string>();
        string? cursor = null;
        for (var page = 1; page <= 300; page++)
        {
            var body = await GetItemsAsync(context, token, cursor is null ? $"{Timeline}?limit=30" : $"{Timeline}?limit=30&cursor={cursor}", ct);
            cursor = Uri.EscapeDataString(body.GetProperty("nextCursor").GetString()!);
            if (page is 1 or 50 or 150 or 299)
            {
                paths.Add($"{Timeline}?limit=30&cursor={cursor}");
            }
        }
        return await RotateAsync(context, paths, ct, token);
    }

    private const string EmptyHint = "is the timeline loaded (bench/run.sh --timeline)?";

    private static Task<Func<HttpRequestMessage>> RotateAsync(ScenarioContext context, IReadOnlyList<string> paths, CancellationToken ct, string? token = null) =>
        CheckedReads.RotateAsync(context, paths, EmptyHint, ct, token);

    private static Task<JsonElement> GetItemsAsync(ScenarioContext context, string token, string path, CancellationToken ct) =>
        CheckedReads.GetItemsAsync(context, token, path, EmptyHint, ct);
}
