using System.Text.Json;

namespace AgentLocator.Bench;

/// <summary>
/// The customers grid against a loaded business (bench/run.sh --customers N loads it). Each setup checks that its
/// requests answer 200 with rows, so a broken query cannot look fast; search terms and cursors come from the data.
/// </summary>
public static class CrmScenarios
{
    private const string List = "/api/crm/customers";

    public const string NameSearch = "customers-search-name";

    public static IReadOnlyList<string> Names { get; } =
        ["customers-page1", "customers-page20000", "customers-cursor", "customers-search-name", "customers-search-phone"];

    public static IEnumerable<Scenario> All { get; } =
    [
        new("customers-page1", "GET customers page 1 (+ total)", NeedsApi: true,
            (context, ct) => RotateAsync(context, [$"{List}?page=1&limit=25"], ct)),

        new("customers-page20000", "GET customers page 20,000", NeedsApi: true,
            (context, ct) => RotateAsync(context, [$"{List}?page=20000&limit=25"], ct)),

        new("customers-cursor", "GET customers cursor step", NeedsApi: true, PrepareCursorAsync),
        new(NameSearch, "GET customers ?q=name fragment", NeedsApi: true, PrepareNameSearchAsync),
        new("customers-search-phone", "GET customers ?q=phone (any format)", NeedsApi: true, PreparePhoneSearchAsync),
    ];

    /// <summary>
    /// Cursors at several depths (the first page, then 10 %, 30 % and 75 % of the way: pages 4,000 to 30,000 of a million
    /// rows), so the step is not one hot spot; by fraction, so the growth runs (10 k, 100 k rows) find rows too.
    /// </summary>
    private static async Task<Func<HttpRequestMessage>> PrepareCursorAsync(ScenarioContext context, CancellationToken ct)
    {
        var token = await ScenarioCatalog.SignInAsync(context, ct);
        var paths = new List<string>();
        foreach (var page in await PagesAtAsync(context, token, [0, 0.1, 0.3, 0.75], ct))
        {
            var body = await GetRowsAsync(context, token, $"{List}?page={page}&limit=25", ct);
            var cursor = body.GetProperty("nextCursor").GetString()!;
            paths.Add($"{List}?cursor={Uri.EscapeDataString(cursor)}&limit=25");
        }
        return await RotateAsync(context, paths, ct, token);
    }

    /// <summary>Three- and four-letter pieces of real names, Hebrew and Latin, from rows at several depths.</summary>
    private static async Task<Func<HttpRequestMessage>> PrepareNameSearchAsync(ScenarioContext context, CancellationToken ct)
    {
        var token = await ScenarioCatalog.SignInAsync(context, ct);
        var names = await SampleAsync(context, token, "name", ct);
        // Letters only: a digit piece would be searched as a phone number.
        var hebrew = names.Where(n => n[0] is >= 'א' and <= 'ת').Select(n => n.Split(' ')[^1]).Where(n => n.Length >= 4 && n.All(char.IsLetter))
            .Select((last, i) => last.Substring(i % 2, 3)).Distinct().Take(4);
        var latin = names.Where(n => char.IsAsciiLetter(n[0])).Select(n => n.Split(' ')[0]).Where(n => n.Length >= 5)
            .Select((first, i) => first.Substring(1, 3 + i % 2).ToLowerInvariant()).Distinct().Take(4);
        var fragments = hebrew.Concat(latin).ToList();
        Console.Error.WriteLine($"[bench]   name fragments: {string.Join(", ", fragments)}");
        return await RotateAsync(context, fragments.Select(SearchPath).ToList(), ct, token);
    }

    /// <summary>Real numbers as people type them: local with separators, E.164, and 5–7 digit fragments.</summary>
    private static async Task<Func<HttpRequestMessage>> PreparePhoneSearchAsync(ScenarioContext context, CancellationToken ct)
    {
        var token = await ScenarioCatalog.SignInAsync(context, ct);
        var digits = (await SampleAsync(context, token, "phone", ct)).Select(e164 => e164["+972".Length..]).Where(d => d.Length == 9).ToList();
        string[] Formats(string d, int i) => (i % 4) switch
        {
            0 => [$"0{d[..2]}-{d[2..5]} {d[5..]}"],
            1 => ["+972" + d],
            2 => [d[2..]],          // 7 digits
            _ => [d[3..8], d[1..7]], // 5 and 6 digits
        };
        var queries = digits.Take(8).SelectMany(Formats).ToList();
        Console.Error.WriteLine($"[bench]   phone queries: {string.Join(" | ", queries)}");
        return await RotateAsync(context, queries.Select(SearchPath).ToList(), ct, token);
    }

    private static string SearchPath(string q) => $"{List}?q={Uri.EscapeDataString(q)}&limit=25";

    private static async Task<List<string>> SampleAsync(ScenarioContext context, string token, string field, CancellationToken ct)
    {
        var values = new List<string>();
        foreach (var page in await PagesAtAsync(context, token, [0, 0.02, 0.125, 0.53], ct))
        {
            var body = await GetRowsAsync(context, token, $"{List}?page={page}&limit=25", ct);
            values.AddRange(body.GetProperty("items").EnumerateArray()
                .Select(item => item.GetProperty(field)).Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!));
        }
        return values;
    }

    /// <summary>Page numbers at these fractions of the list (pages 1, 777, 5,000, 21,000 … of a million rows), distinct.</summary>
    private static async Task<IReadOnlyList<int>> PagesAtAsync(ScenarioContext context, string token, double[] fractions, CancellationToken ct)
    {
        var first = await GetRowsAsync(context, token, $"{List}?page=1&limit=25", ct);
        var pages = first.GetProperty("page").TryGetProperty("totalPages", out var total) ? total.GetInt64() : 1;
        return fractions.Select(fraction => (int)Math.Clamp(1 + Math.Floor(fraction * pages), 1, pages)).Distinct().ToList();
    }

    private const string EmptyHint = "is the business loaded (bench/run.sh --customers N)?";

    private static Task<Func<HttpRequestMessage>> RotateAsync(ScenarioContext context, IReadOnlyList<string> paths, CancellationToken ct, string? token = null) =>
        CheckedReads.RotateAsync(context, paths, EmptyHint, ct, token);

    private static Task<JsonElement> GetRowsAsync(ScenarioContext context, string token, string path, CancellationToken ct) =>
        CheckedReads.GetItemsAsync(context, token, path, EmptyHint, ct);
}
