using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Xml;
using System.Xml.Linq;

namespace AgentLocator.CallSimulator;

/// <summary>A webhook's exchange and, for a TwiML webhook that answered validly, its &lt;Response&gt;.</summary>
internal sealed record WebhookReply(WebhookExchange Exchange, XElement? Response);

/// <summary>
/// Makes Twilio's requests: form-encoded UTF-8, signed over the public URL, sent to where that URL really lives,
/// timed, and held to what Twilio accepts (a TwiML webhook: 200, an XML content type, a &lt;Response&gt; document;
/// a status callback: any 2xx). Twilio waits 15 s at most.
/// </summary>
internal sealed class WebhookClient(HttpClient http, TwilioUrls urls, string authToken, TimeSpan timeout)
{
    private const string UserAgent = "TwilioProxy/1.1";

    private static readonly MediaTypeHeaderValue FormType = MediaTypeHeaderValue.Parse("application/x-www-form-urlencoded; charset=utf-8");

    public async Task<WebhookReply> SendAsync(string method, string publicUrl, IReadOnlyList<KeyValuePair<string, string>> fields,
        bool expectTwiml, CancellationToken cancellationToken)
    {
        var isGet = string.Equals(method, "GET", StringComparison.OrdinalIgnoreCase);
        // A GET carries the fields in its query, so they are part of the signed URL and nothing else is signed.
        var url = isGet ? WithQuery(publicUrl, fields) : publicUrl;
        var target = urls.Transport(url);
        using var request = new HttpRequestMessage(isGet ? HttpMethod.Get : HttpMethod.Post, target);
        request.Headers.TryAddWithoutValidation(TwilioSigner.Header, TwilioSigner.Sign(authToken, url, isGet ? [] : fields));
        request.Headers.TryAddWithoutValidation("User-Agent", UserAgent);
        if (!isGet)
        {
            request.Content = new FormUrlEncodedContent(fields);
            request.Content.Headers.ContentType = FormType;
        }

        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        var clock = Stopwatch.StartNew();
        int? status = null;
        string? contentType = null, body = null, problem;
        XElement? twiml = null;
        try
        {
            using var response = await http.SendAsync(request, limit.Token);
            status = (int)response.StatusCode;
            contentType = response.Content.Headers.ContentType?.ToString();
            body = await response.Content.ReadAsStringAsync(limit.Token);
            problem = expectTwiml ? CheckTwiml(response, body, out twiml) : CheckAcknowledgement(response);
        }
        catch (HttpRequestException error)
        {
            problem = $"could not reach {target.GetLeftPart(UriPartial.Authority)}: {error.Message} (is the server running?)";
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            problem = $"no answer within {timeout.TotalSeconds:0.#} s: Twilio gives up and the caller hears an application error";
        }
        var path = new Uri(url).PathAndQuery;
        var exchange = new WebhookExchange(isGet ? "GET" : "POST", url, target.AbsoluteUri, path, isGet ? [] : fields,
            status, contentType, body, clock.Elapsed, problem is null ? null : $"{(isGet ? "GET" : "POST")} {path}: {problem}");
        return new WebhookReply(exchange, problem is null ? twiml : null);
    }

    private static string? CheckTwiml(HttpResponseMessage response, string body, out XElement? twiml)
    {
        twiml = null;
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return StatusProblem(response, "200");
        }
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        if (mediaType is not ("text/xml" or "application/xml"))
        {
            return $"Content-Type is '{mediaType ?? "(none)"}', Twilio needs text/xml or application/xml";
        }
        try
        {
            var root = XDocument.Parse(body).Root;
            if (root?.Name != "Response")
            {
                return $"the root element is <{root?.Name}>, Twilio needs <Response>";
            }
            twiml = root;
            return null;
        }
        catch (XmlException error)
        {
            return $"the body is not well-formed XML ({error.Message})";
        }
    }

    private static string? CheckAcknowledgement(HttpResponseMessage response) =>
        response.IsSuccessStatusCode ? null : StatusProblem(response, "2xx");

    private static string StatusProblem(HttpResponseMessage response, string wanted)
    {
        var problem = $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}, Twilio needs {wanted}";
        // The usual cause on a developer's machine, so say what to check.
        return response.StatusCode == HttpStatusCode.Forbidden
            ? problem + " (signature refused? --token must be the server's TWILIO_TOKEN and --public-host its PUBLIC_HOST;"
                + " in Development the API's PUBLIC_HOST defaults to http://localhost:5173)"
            : problem;
    }

    private static string WithQuery(string url, IReadOnlyList<KeyValuePair<string, string>> fields)
    {
        if (fields.Count == 0)
        {
            return url;
        }
        var query = string.Join('&', fields.Select(f => Uri.EscapeDataString(f.Key) + "=" + Uri.EscapeDataString(f.Value)));
        return url + (url.Contains('?') ? "&" : "?") + query;
    }
}
