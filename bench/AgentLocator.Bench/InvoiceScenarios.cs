using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace AgentLocator.Bench;

/// <summary>
/// Tax documents in the demo business (its admin saves the tax details first). <c>invoice-issue</c> issues drafts made
/// during setup, one per request (the number taken under the counter's row lock, the timeline event, one transaction);
/// <c>invoice-pdf</c> prints issued one-page invoices (each print a counted true copy); <c>invoice-pdf-3-pages</c> prints
/// a 90-line Hebrew draft, three A4 pages, through headless Chromium. Setup answers are checked, so a broken path
/// cannot look fast.
/// </summary>
public static class InvoiceScenarios
{
    private const string AdminEmail = "admin@demo.local";
    private const string Password = "Passw0rd!";
    /// <summary>One draft per request: a quiet machine issues a few hundred a second, so size it to the run (BENCH_INVOICE_DRAFTS).</summary>
    private static readonly int Drafts = int.TryParse(Environment.GetEnvironmentVariable("BENCH_INVOICE_DRAFTS"), out var drafts) ? drafts : 1500;

    public static IEnumerable<Scenario> All { get; } =
    [
        new("invoice-issue", "POST issue a tax invoice (gapless number, timeline event)", NeedsApi: true, PrepareIssueAsync),
        new("invoice-pdf", "GET an issued invoice's PDF (1 page, counted copy)", NeedsApi: true, PreparePdfAsync),
        new("invoice-pdf-3-pages", "GET a 3-page Hebrew document's PDF (90 lines, draft)", NeedsApi: true, PrepareLongPdfAsync),
    ];

    private static async Task<Func<HttpRequestMessage>> PrepareIssueAsync(ScenarioContext context, CancellationToken ct)
    {
        var (token, customer) = await SetUpAsync(context, ct);
        var drafts = new List<string>();
        foreach (var chunk in Enumerable.Range(0, Drafts).Chunk(16))
        {
            drafts.AddRange(await Task.WhenAll(chunk.Select(_ => DraftAsync(context, token, customer, 1, ct))));
        }
        var next = -1;
        return () =>
        {
            // Past the last draft a request re-issues an issued one and is counted as a 409: size Drafts to the run.
            var id = drafts[(int)((uint)Interlocked.Increment(ref next) % drafts.Count)];
            return Authorized(HttpMethod.Post, context.Api($"/api/invoices/documents/{id}/issue"), token);
        };
    }

    private static async Task<Func<HttpRequestMessage>> PreparePdfAsync(ScenarioContext context, CancellationToken ct)
    {
        var (token, customer) = await SetUpAsync(context, ct);
        var issued = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            var id = await DraftAsync(context, token, customer, 3, ct);
            using var response = await context.Client.SendAsync(Authorized(HttpMethod.Post, context.Api($"/api/invoices/documents/{id}/issue"), token), ct);
            await EnsureAsync(response, "issue", ct);
            issued.Add(id);
        }
        return Rotate(context, token, issued);
    }

    private static async Task<Func<HttpRequestMessage>> PrepareLongPdfAsync(ScenarioContext context, CancellationToken ct)
    {
        var (token, customer) = await SetUpAsync(context, ct);
        return Rotate(context, token, [await DraftAsync(context, token, customer, 90, ct)]);
    }

    private static Func<HttpRequestMessage> Rotate(ScenarioContext context, string token, IReadOnlyList<string> ids)
    {
        var next = -1;
        return () => Authorized(HttpMethod.Get, context.Api($"/api/invoices/documents/{ids[(int)((uint)Interlocked.Increment(ref next) % ids.Count)]}/pdf"), token);
    }

    private static async Task<(string Token, string Customer)> SetUpAsync(ScenarioContext context, CancellationToken ct)
    {
        using var login = await context.Client.PostAsJsonAsync(context.Api("/api/auth/login"), new { email = AdminEmail, password = Password }, ct);
        var token = (await EnsureAsync(login, "sign-in", ct)).GetProperty("accessToken").GetString()!;
        using var settings = await context.Client.SendAsync(Authorized(HttpMethod.Put, context.Api("/api/invoices/settings"), token, new
        {
            legalName = "דמו שירותים בע\"מ", dealerType = "company", taxId = "516179157", address = "הרצל 1, תל אביב", phone = "03-1234567",
        }), ct);
        await EnsureAsync(settings, "tax settings", ct);
        using var customer = await context.Client.SendAsync(Authorized(HttpMethod.Post, context.Api("/api/crm/customers"), token,
            new { name = "לקוח מדידה " + Guid.NewGuid().ToString("N")[..6] }), ct);
        return (token, (await EnsureAsync(customer, "customer", ct)).GetProperty("id").GetString()!);
    }

    private static async Task<string> DraftAsync(ScenarioContext context, string token, string customer, int lines, CancellationToken ct)
    {
        using var response = await context.Client.SendAsync(Authorized(HttpMethod.Post, context.Api("/api/invoices/documents"), token, new
        {
            type = "tax_invoice", customerId = customer,
            lines = Enumerable.Range(1, lines).Select(n => new
            {
                description = $"שירות מספר {n}: התקנה ובדיקה של מערכת Model-X{n} באתר הלקוח", quantity = 1.5m, unitPriceAgorot = 12_345L + n,
            }),
        }), ct);
        return (await EnsureAsync(response, "draft", ct)).GetProperty("id").GetString()!;
    }

    private static HttpRequestMessage Authorized(HttpMethod method, Uri uri, string token, object? body = null) => new(method, uri)
    {
        Headers = { Authorization = new AuthenticationHeaderValue("Bearer", token) },
        Content = body is null ? null : JsonContent.Create(body),
    };

    private static async Task<JsonElement> EnsureAsync(HttpResponseMessage response, string what, CancellationToken ct)
    {
        var text = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Setup {what} failed: {(int)response.StatusCode} {text}");
        }
        return JsonSerializer.Deserialize<JsonElement>(text);
    }
}
