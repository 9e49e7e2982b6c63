using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace AgentLocator.Bench;

/// <summary>
/// Contracts in the demo business: <c>contract-pdf-3-pages</c> prints a Hebrew contract of three A4 pages (a template of
/// 60 clauses with Latin and number runs, its placeholders filled, the footer's "עמוד x מתוך y") through headless
/// Chromium. Setup (as the admin: a template, a customer, a draft contract) checks every answer, so a broken path cannot
/// look fast.
/// </summary>
public static class ContractScenarios
{
    private const string AdminEmail = "admin@demo.local";
    private const string Password = "Passw0rd!";

    public static IEnumerable<Scenario> All { get; } =
    [
        new("contract-pdf-3-pages", "GET a 3-page Hebrew contract's PDF (60 clauses, placeholders filled)", NeedsApi: true, PrepareAsync),
    ];

    private static async Task<Func<HttpRequestMessage>> PrepareAsync(ScenarioContext context, CancellationToken ct)
    {
        using var login = await context.Client.PostAsJsonAsync(context.Api("/api/auth/login"), new { email = AdminEmail, password = Password }, ct);
        var token = (await EnsureAsync(login, "sign-in", ct)).GetProperty("accessToken").GetString()!;
        var clauses = string.Concat(Enumerable.Range(1, 60).Select(n =>
            $"<p>סעיף {n}: ההתקנה של מערכת Model-X{n} תושלם תוך {n + 10} ימים מיום החתימה.</p>"));
        using var template = await context.Client.SendAsync(Authorized(HttpMethod.Post, context.Api("/api/contract-templates"), token, new
        {
            name = "הסכם מדידה " + Guid.NewGuid().ToString("N")[..6],
            bodyHtml = "<h2>הסכם שירות</h2><p>הסכם זה נערך ביום {{today}} בין {{business.name}} לבין {{customer.name}}.</p>"
                + "<p>השירות: {{fields.service}}</p>" + clauses,
            fields = new[] { new { key = "service", label = "השירות", required = true } },
        }), ct);
        var templateId = (await EnsureAsync(template, "template", ct)).GetProperty("id").GetString()!;
        using var customer = await context.Client.SendAsync(Authorized(HttpMethod.Post, context.Api("/api/crm/customers"), token,
            new { name = "לקוח מדידה " + Guid.NewGuid().ToString("N")[..6] }), ct);
        var customerId = (await EnsureAsync(customer, "customer", ct)).GetProperty("id").GetString()!;
        using var contract = await context.Client.SendAsync(Authorized(HttpMethod.Post, context.Api($"/api/customers/{customerId}/contracts"), token,
            new { templateId, fieldValues = new { service = "תחזוקה שנתית" } }), ct);
        var contractId = (await EnsureAsync(contract, "contract", ct)).GetProperty("id").GetString()!;
        return () => Authorized(HttpMethod.Get, context.Api($"/api/contracts/{contractId}/pdf"), token);
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
