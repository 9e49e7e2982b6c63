using System.Xml.Linq;
using AgentLocator.Api.Account;
using AgentLocator.Api.Accounts;
using AgentLocator.Api.Calls.Webhooks;
using AgentLocator.Api.Infrastructure.Auth;
using AgentLocator.Api.Integrations.Twilio;
using AgentLocator.Grains.Abstractions;
using AgentLocator.Grains.Audit;
using AgentLocator.Grains.Customers;
using AgentLocator.Grains.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace AgentLocator.Api.Calls;

public sealed record TwilioNumberRequest(string? Number);

/// <summary>The URLs to paste into the number's configuration in Twilio's console, built from PUBLIC_HOST.</summary>
public sealed record TwilioWebhookUrls(string IncomingCall, string CallStatus);

public sealed record TwilioNumberResponse(string? Number, string? PublicHost, TwilioWebhookUrls? Webhooks, bool CanVerifySignatures);

/// <summary><c>ok</c>: our webhook, reached through the public URL with a signed request, answered valid TwiML.</summary>
public sealed record TwilioNumberTestResponse(bool Ok, int? Status, string Detail);

/// <summary>
/// The business's Twilio voice number (how a call finds its business; unique across businesses), the webhook URLs
/// to give Twilio, and a test that plays Twilio once: a signed request to our own webhook through the public URL.
/// Under <c>/api/admin/call-settings</c>, so it needs the calls feature like the rest of the call settings.
/// </summary>
public static class TwilioNumberApi
{
    public const string Path = "/api/admin/call-settings/twilio-number";
    public const string HttpClientName = "twilio-number-test";

    public static IEndpointRouteBuilder MapTwilioNumberApi(this IEndpointRouteBuilder app)
    {
        var number = app.MapGroup(Path).RequireAuthorization(AuthorizationPolicies.Admin).WithTags("Admin");
        number.MapGet("/", GetAsync).Produces<TwilioNumberResponse>().WithSummary("The voice number and the webhook URLs to paste into Twilio.");
        number.MapPut("/", SetAsync).Produces<TwilioNumberResponse>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Set the voice number (E.164 or a local form; null removes it); 409 when another business has it.");
        number.MapPost("/test", TestAsync).Produces<TwilioNumberTestResponse>()
            .WithSummary("Send a Twilio-signed request to our incoming-call webhook through the public URL and report whether valid TwiML came back.");
        return app;
    }

    private static TwilioNumberResponse Describe(string? number, TwilioOptions twilio) => new(
        number,
        twilio.PublicHost,
        twilio.PublicHost is { Length: > 0 } host ? new TwilioWebhookUrls(host + TwilioWebhooks.IncomingCallPath, host + TwilioWebhooks.Prefix + "/call_status") : null,
        !string.IsNullOrEmpty(twilio.AuthToken) && !string.IsNullOrEmpty(twilio.PublicHost));

    public static async Task<IResult> GetAsync(HttpContext context, AgentLocatorDbContext db, IOptions<TwilioOptions> twilio, CancellationToken cancellationToken)
    {
        var businessId = context.User.GetBusinessId();
        var number = await db.Businesses.Where(b => b.Id == businessId).Select(b => b.TwilioNumber).SingleAsync(cancellationToken);
        return TypedResults.Ok(Describe(number, twilio.Value));
    }

    public static async Task<IResult> SetAsync(TwilioNumberRequest request, HttpContext context, AgentLocatorDbContext db, IOptions<TwilioOptions> twilio,
        IAuditLog audit, IConnectionMultiplexer redis, MeCache me, IGrainFactory grains, ILogger<MeCache> logger, CancellationToken cancellationToken)
    {
        string? e164 = null;
        if (!string.IsNullOrWhiteSpace(request.Number))
        {
            if (!Phones.TryNormalize(request.Number, out var phone))
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["number"] = ["המספר אינו מספר טלפון תקין (למשל ‎+97235550100)."] });
            }
            e164 = phone.E164;
        }
        var businessId = context.User.GetBusinessId();
        // Businesses carry no tenant filter: the number is unique across them, since it is how a call finds its business.
        if (e164 is not null && await db.Businesses.AnyAsync(b => b.TwilioNumber == e164 && b.Id != businessId, cancellationToken))
        {
            return Taken();
        }
        var business = await db.Businesses.SingleAsync(b => b.Id == businessId, cancellationToken);
        if (business.TwilioNumber != e164)
        {
            // Which number calls reach the business by is a setting worth knowing who changed, like the WhatsApp sender.
            audit.Record(db, AuditActions.TwilioNumberChanged, AuditTarget.Business(businessId), new AuditChange<string?>(business.TwilioNumber, e164));
        }
        var previous = business.TwilioNumber;
        business.TwilioNumber = e164;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException error) when (error.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation })
        {
            return Taken();
        }
        // Calls to the number given up must stop reaching this business at once (the new one is forgotten by the reload below).
        if (previous is not null && previous != e164)
        {
            await grains.GetGrain<IBusinessNumberGrain>(previous).Forget();
        }
        // /api/me shows the number: forgotten here and on every instance.
        await BusinessChanges.AnnounceAsync(redis, me, businessId, logger);
        return TypedResults.Ok(Describe(e164, twilio.Value));
    }

    private static IResult Taken() => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict,
        title: "המספר כבר משויך לעסק אחר.", detail: "כל מספר Twilio יכול לשרת עסק אחד בלבד.");

    public static async Task<IResult> TestAsync(HttpContext context, AgentLocatorDbContext db, IOptions<TwilioOptions> twilio, IHttpClientFactory clients,
        IAuditLog audit, ILogger<TwilioNumberTestResponse> logger, CancellationToken cancellationToken)
    {
        var businessId = context.User.GetBusinessId();
        var number = await db.Businesses.Where(b => b.Id == businessId).Select(b => b.TwilioNumber).SingleAsync(cancellationToken);
        var result = await SendTestAsync(number, twilio.Value, clients, logger, cancellationToken);
        await audit.RecordAsync(AuditActions.TwilioNumberTested, AuditTarget.Business(businessId), new { number, result.Ok, result.Status },
            cancellationToken: cancellationToken);
        return TypedResults.Ok(result);
    }

    private static async Task<TwilioNumberTestResponse> SendTestAsync(string? number, TwilioOptions settings, IHttpClientFactory clients,
        ILogger logger, CancellationToken cancellationToken)
    {
        if (number is null)
        {
            return new TwilioNumberTestResponse(false, null, "לעסק אין עדיין מספר Twilio.");
        }
        if (string.IsNullOrEmpty(settings.PublicHost) || string.IsNullOrEmpty(settings.AuthToken))
        {
            return new TwilioNumberTestResponse(false, null, "PUBLIC_HOST או TWILIO_TOKEN אינם מוגדרים בשרת.");
        }
        // check=1 (signed, like the whole URL) makes the webhook answer without starting a call, so no test call enters the log.
        var url = settings.PublicHost + TwilioWebhooks.IncomingCallPath + "?" + TwilioWebhooks.ConnectionCheckQuery + "=1";
        var form = new Dictionary<string, string>
        {
            ["CallSid"] = "CA" + Guid.NewGuid().ToString("N"), ["AccountSid"] = "AC" + new string('0', 32), ["From"] = number, ["To"] = number,
            ["CallStatus"] = "ringing", ["Direction"] = "inbound", ["ApiVersion"] = "2010-04-01",
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Add(TwilioSignatureFilter.SignatureHeader, TwilioRequestSigner.Sign(settings.AuthToken, url, form));
        try
        {
            using var response = await clients.CreateClient(HttpClientName).SendAsync(request, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                return new TwilioNumberTestResponse(false, (int)response.StatusCode, response.StatusCode == System.Net.HttpStatusCode.Forbidden
                    ? "הבקשה הגיעה אך החתימה נדחתה: בדקו ש-PUBLIC_HOST הוא הכתובת שדרכה הבקשה מגיעה, וש-TWILIO_TOKEN נכון."
                    : $"הכתובת הציבורית ענתה {(int)response.StatusCode} במקום TwiML.");
            }
            var root = XDocument.Parse(body).Root;
            if (root?.Name.LocalName != "Response" || response.Content.Headers.ContentType?.MediaType is not ("text/xml" or "application/xml"))
            {
                return new TwilioNumberTestResponse(false, (int)response.StatusCode, "הכתובת הציבורית ענתה, אך לא ב-TwiML תקין.");
            }
            // Valid TwiML alone is not enough: an unknown number (another database behind PUBLIC_HOST) or a suspended
            // business is answered with TwiML too. Only the check's own answer says the number reaches this business.
            var answered = root.Elements().Any(verb => verb.Name.LocalName == "Say" && verb.Value == CallerPrompts.ConnectionChecked);
            return new TwilioNumberTestResponse(answered, (int)response.StatusCode, answered
                ? "הבדיקה הצליחה: בקשה חתומה הגיעה דרך הכתובת הציבורית וחזר TwiML תקין."
                : "בקשה חתומה הגיעה דרך הכתובת הציבורית, אך המספר אינו משויך לעסק פעיל בשרת שענה.");
        }
        catch (Exception error) when (error is HttpRequestException or TaskCanceledException or System.Xml.XmlException)
        {
            logger.LogWarning(error, "Twilio number test through {PublicHost} failed", settings.PublicHost);
            return new TwilioNumberTestResponse(false, null, $"לא ניתן היה להגיע לשרת דרך {settings.PublicHost}: {error.Message}");
        }
    }
}
