using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace AgentLocator.Bench;

/// <summary>
/// Every scenario the bench knows, in run order. To add one: append a <see cref="Scenario"/> here (and to
/// <see cref="DefaultNames"/> if a plain run should include it).
/// </summary>
public static class ScenarioCatalog
{
    public const string CeilingName = "ceiling";

    // The demo agent seeded in Development (AgentLocator.Grains DevelopmentSeed).
    private const string DemoEmail = "agent@demo.local";
    private const string DemoPassword = "Passw0rd!";

    private static readonly byte[] LoginBody =
        Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { email = DemoEmail, password = DemoPassword }));

    public static IReadOnlyList<Scenario> All { get; } =
    [
        new(CeilingName, "ceiling: bare Kestrel, fixed 13 B", NeedsApi: false,
            (context, _) => Task.FromResult(Get(new Uri(context.CeilingBaseUri, "/")))),

        new("alive", "GET /alive", NeedsApi: true,
            (context, _) => Task.FromResult(Get(context.Api("/alive")))),

        new("login", "POST /api/auth/login", NeedsApi: true,
            (context, _) => Task.FromResult(LoginRequestFactory(context.Api("/api/auth/login")))),

        new("me", "GET /api/me (bearer)", NeedsApi: true, PrepareMeAsync),

        .. CrmScenarios.All,

        .. TimelineScenarios.All,

        .. InvoiceScenarios.All,
        .. ContractScenarios.All,
        .. SignatureScenarios.All,

        CallScenarios.IncomingScenario,
        CallScenarios.IncomingKnownScenario,

        .. WhatsAppScenarios.All,
    ];

    public static IReadOnlyList<string> DefaultNames { get; } = ["alive", "login", "me"];

    private static Func<HttpRequestMessage> Get(Uri uri) => () => new HttpRequestMessage(HttpMethod.Get, uri);

    private static Func<HttpRequestMessage> LoginRequestFactory(Uri uri) => () => new HttpRequestMessage(HttpMethod.Post, uri)
    {
        Content = new ByteArrayContent(LoginBody) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } },
    };

    private static async Task<Func<HttpRequestMessage>> PrepareMeAsync(ScenarioContext context, CancellationToken cancellationToken)
    {
        var token = await SignInAsync(context, cancellationToken);
        var uri = context.Api("/api/me");
        return () => new HttpRequestMessage(HttpMethod.Get, uri) { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", token) } };
    }

    /// <summary>One sign-in during setup; its access token outlives a run (15 minutes).</summary>
    internal static async Task<string> SignInAsync(ScenarioContext context, CancellationToken cancellationToken)
    {
        using var response = await context.Client.SendAsync(LoginRequestFactory(context.Api("/api/auth/login"))(), cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            var problem = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new InvalidOperationException($"Setup sign-in as {DemoEmail} failed: {(int)response.StatusCode} {problem}");
        }
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        return body.GetProperty("accessToken").GetString()
            ?? throw new InvalidOperationException("The sign-in answer has no accessToken.");
    }
}
