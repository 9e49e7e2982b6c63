using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;

namespace AgentLocator.FakeProviders;

/// <summary>A Content template the fake lists: its SID, friendly name, <c>twilio/text</c> body and variables (name → sample).</summary>
public sealed record FakeContentTemplate(string Sid, string FriendlyName, string Body, IReadOnlyDictionary<string, string> Variables, string Language = "he");

/// <summary>
/// Twilio's Content API list, <c>GET /v1/Content</c> (host content.twilio.com): HTTP Basic with the account's credentials,
/// <c>PageSize</c>/<c>Page</c> paging, and Twilio's page JSON (<c>contents</c> and a <c>meta</c> whose <c>key</c> is
/// "contents" and whose page URLs name content.twilio.com, as the SDK expects). Empty until a test adds templates.
/// </summary>
public sealed class FakeTwilioContent(FakeTwilio account)
{
    private const string Host = "https://content.twilio.com";

    private readonly ConcurrentDictionary<string, (FakeContentTemplate Template, long Order)> templates = new();
    private long order;

    /// <summary>How many list requests arrived (each page is one).</summary>
    public int Lists => lists;

    private int lists;

    public FakeContentTemplate Add(string friendlyName, string body, IReadOnlyDictionary<string, string>? variables = null, string? sid = null)
    {
        var template = new FakeContentTemplate(sid ?? "HX" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)), friendlyName, body,
            variables ?? new Dictionary<string, string>());
        templates[template.Sid] = (template, Interlocked.Increment(ref order));
        return template;
    }

    public void Reset()
    {
        templates.Clear();
        Interlocked.Exchange(ref lists, 0);
    }

    internal void Map(IEndpointRouteBuilder routes) => routes.MapGet("/v1/Content", List);

    private IResult List(HttpContext context)
    {
        Interlocked.Increment(ref lists);
        if (account.AuthToken is not null && !account.HasValidCredentials(context.Request))
        {
            context.Response.Headers.WWWAuthenticate = "Basic realm=\"Twilio API\"";
            return FakeTwilio.Error(StatusCodes.Status401Unauthorized, "Authenticate", 20003);
        }
        var size = Number(context.Request.Query["PageSize"], 50);
        var page = Number(context.Request.Query["Page"], 0);
        if (size is < 1 or > 1000)
        {
            return FakeTwilio.Error(StatusCodes.Status400BadRequest, "PageSize must be between 1 and 1000.", 20001);
        }
        var all = templates.Values.OrderBy(entry => entry.Order).Select(entry => entry.Template).ToList();
        var contents = all.Skip(page * size).Take(size).Select(template => Json(account.AccountSid, template)).ToList();
        string PageUrl(int number) => $"{Host}/v1/Content?PageSize={size}&Page={number}";
        return Results.Json(new Dictionary<string, object?>
        {
            ["contents"] = contents,
            ["meta"] = new Dictionary<string, object?>
            {
                ["page"] = page, ["page_size"] = size, ["first_page_url"] = PageUrl(0),
                ["previous_page_url"] = page > 0 ? PageUrl(page - 1) : null, ["url"] = PageUrl(page),
                ["next_page_url"] = (page + 1) * size < all.Count ? PageUrl(page + 1) : null, ["key"] = "contents",
            },
        });
    }

    private static Dictionary<string, object?> Json(string accountSid, FakeContentTemplate template)
    {
        var date = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        return new Dictionary<string, object?>
        {
            ["sid"] = template.Sid, ["account_sid"] = accountSid, ["friendly_name"] = template.FriendlyName, ["language"] = template.Language,
            ["variables"] = template.Variables, ["types"] = new Dictionary<string, object> { ["twilio/text"] = new { body = template.Body } },
            ["url"] = $"{Host}/v1/Content/{template.Sid}", ["date_created"] = date, ["date_updated"] = date,
            ["links"] = new Dictionary<string, string>
            {
                ["approval_create"] = $"{Host}/v1/Content/{template.Sid}/ApprovalRequests/whatsapp",
                ["approval_fetch"] = $"{Host}/v1/Content/{template.Sid}/ApprovalRequests",
            },
        };
    }

    private static int Number(string? text, int fallback) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : fallback;
}
