using System.Net;
using System.Xml;
using System.Xml.Linq;
using AgentLocator.CallSimulator;

namespace AgentLocator.Bench;

/// <summary>
/// WhatsApp (bench/run.sh --whatsapp): Twilio's inbound messaging webhook, closed loop and then open loop at the issue's
/// 100 requests/s (goal p99 ≤ 50 ms), each a new message from a new number (a message row, its timeline event and a new
/// lead); and the first page of a customer's thread of 10,000 messages (bench/whatsapp-load.sql; goal p95 ≤ 15 ms).
/// </summary>
public static class WhatsAppScenarios
{
    public const string Inbound = "whatsapp-inbound";
    public const string ThreadFirstPage = "whatsapp-thread-first-page";
    public const string InboundPath = "/webhook/whatsapp";

    /// <summary>The goal for the webhook is stated at this offered rate.</summary>
    public const double InboundRate = 100;

    /// <summary>The customer bench/whatsapp-load.sql gives 10,000 messages.</summary>
    public const string BusyCustomer = "0193a000-0000-7000-8000-0000000000a5";

    public static IReadOnlyList<string> Names { get; } = [Inbound, ThreadFirstPage];

    private static readonly string AccountSid = TwilioIds.NewAccountSid();

    // Senders: Israeli mobiles (+972 54…) counted up from a random point, so each message makes a new lead.
    private static long nextSender = Random.Shared.Next(0, 5_000_000);

    public static IEnumerable<Scenario> All { get; } =
    [
        new(Inbound, "POST /webhook/whatsapp (new sender: message + lead)", NeedsApi: true, PrepareInboundAsync)
        {
            Check = (response, ct) => CheckEmptyResponseAsync(response, ct),
            FixedRate = InboundRate,
        },
        new(ThreadFirstPage, "GET WhatsApp thread, first page (10 k messages)", NeedsApi: true,
            (context, ct) => CheckedReads.RotateAsync(context, [$"/api/whatsapp/customers/{BusyCustomer}/messages?limit=50"],
                "is the thread loaded (bench/run.sh --whatsapp)?", ct)),
    ];

    private static async Task<Func<HttpRequestMessage>> PrepareInboundAsync(ScenarioContext context, CancellationToken cancellationToken)
    {
        var api = context.ApiBaseUri ?? throw new InvalidOperationException($"{Inbound} needs --api-url.");
        // One message first, so a wrong token or public host fails here with a reason instead of as thousands of 403s.
        using var response = await context.Client.SendAsync(Message(api, context.Calls), cancellationToken);
        await response.Content.LoadIntoBufferAsync(cancellationToken);
        if (await CheckEmptyResponseAsync(response, cancellationToken) is { } problem)
        {
            throw new InvalidOperationException($"Setup {InboundPath} answered {problem}. The bench signs with --public-host {context.Calls.PublicHost} "
                + "and --twilio-token (default: the API's Development values); they must match the API's PUBLIC_HOST and TWILIO_TOKEN.");
        }
        return () => Message(api, context.Calls);
    }

    /// <summary>A text message as Twilio posts it, to the demo business's WhatsApp sender, signed over the public URL.</summary>
    private static HttpRequestMessage Message(Uri api, CallOptions options)
    {
        var sid = "SM" + Guid.NewGuid().ToString("N");
        var from = $"+97254{Interlocked.Increment(ref nextSender) % 10_000_000:D7}";
        List<KeyValuePair<string, string>> fields =
        [
            new("AccountSid", AccountSid), new("ApiVersion", "2010-04-01"), new("Body", "שלום, אשמח לפרטים על הנכס"),
            new("From", "whatsapp:" + from), new("MessageSid", sid), new("MessageType", "text"), new("NumMedia", "0"), new("NumSegments", "1"),
            new("ProfileName", "לקוח בדיקה"), new("SmsMessageSid", sid), new("SmsSid", sid), new("SmsStatus", "received"),
            new("To", "whatsapp:" + SimulationOptions.DemoBusinessNumber), new("WaId", from.TrimStart('+')),
        ];
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(api, InboundPath)) { Content = new FormUrlEncodedContent(fields) };
        request.Headers.TryAddWithoutValidation(TwilioSigner.Header, TwilioSigner.Sign(options.AuthToken, options.PublicHost + InboundPath, fields));
        return request;
    }

    /// <summary>Twilio's messaging webhook must get 200, XML, and an empty &lt;Response/&gt; (no automatic reply).</summary>
    private static async Task<string?> CheckEmptyResponseAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return $"HTTP {(int)response.StatusCode}";
        }
        if (response.Content.Headers.ContentType?.MediaType is not ("text/xml" or "application/xml"))
        {
            return "not XML";
        }
        try
        {
            var root = XDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken)).Root;
            return root is { Name.LocalName: "Response" } && !root.Elements().Any() ? null : "not an empty <Response/>";
        }
        catch (XmlException)
        {
            return "malformed XML";
        }
    }
}
