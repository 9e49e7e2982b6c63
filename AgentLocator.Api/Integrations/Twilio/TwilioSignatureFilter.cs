using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Twilio.Security;
using Twilio.TwiML;
using Twilio.TwiML.Voice;

namespace AgentLocator.Api.Integrations.Twilio;

/// <summary>How an endpoint answers Twilio when it cannot do its work: a TwiML document, or a plain acknowledgement.</summary>
public enum TwilioAnswer
{
    TwiML,
    Acknowledgement,

    /// <summary>A messaging webhook: an empty messaging TwiML document (no reply).</summary>
    Messaging,
}

/// <summary>Endpoint metadata naming the endpoint's <see cref="TwilioAnswer"/>.</summary>
public sealed record TwilioAnswerMetadata(TwilioAnswer Answer);

/// <summary>
/// Lets through only requests Twilio signed. The signed URL is rebuilt from the configured public host plus the
/// path and query, since behind a proxy the Host and scheme we see are not the ones Twilio called.
/// Unsigned or forged → 403 and the handler never runs, so nothing is stored. The check is Twilio's own
/// <see cref="RequestValidator"/>, which also tries the URL with its port added or removed. The fields come from
/// <see cref="TwilioForm"/>, so no body, however large or broken, makes a 500: one that cannot be read cannot be
/// checked (403), and one over the form limits is checked first and then answered with the fallback.
/// </summary>
public sealed class TwilioSignatureFilter(IOptions<TwilioOptions> options, ILogger<TwilioSignatureFilter> logger) : IEndpointFilter
{
    public const string SignatureHeader = "X-Twilio-Signature";

    /// <summary>What a caller hears when a webhook cannot do its work at all (kept with the other caller sentences).</summary>
    public const string Apology = AgentLocator.Api.Calls.Webhooks.CallerPrompts.Apology;

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var settings = options.Value;
        if (string.IsNullOrWhiteSpace(settings.PublicHost) || string.IsNullOrEmpty(settings.AuthToken))
        {
            // Twilio must still get a valid answer; the operator gets the reason (by setting name, never its value).
            logger.LogError("Twilio webhook {Path} cannot be verified: PUBLIC_HOST or TWILIO_TOKEN is not set", http.Request.Path);
            return Fallback(http);
        }

        var form = await TwilioForm.ReadAsync(http);
        if (form.Unreadable is { } unreadable)
        {
            logger.LogWarning("Refused a Twilio webhook to {Path} whose signature cannot be checked: {Problem}", http.Request.Path, unreadable);
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "The request is not signed by Twilio.",
                detail: $"The signature cannot be checked: {unreadable}.");
        }
        var url = settings.PublicHost + http.Request.PathBase.ToUriComponent() + http.Request.Path.ToUriComponent() + http.Request.QueryString.ToUriComponent();
        if (!IsSigned(settings.AuthToken, url, form.Fields, http.Request.Headers[SignatureHeader]))
        {
            logger.LogWarning("Refused an unsigned or wrongly signed Twilio webhook to {Path}", http.Request.Path);
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "The request is not signed by Twilio.",
                detail: $"The {SignatureHeader} header is missing or does not match the request.");
        }
        if (form.LimitProblem is { } overLimits)
        {
            // Signed, so Twilio's (or its signing key's holder): it still gets a valid answer, just not the work.
            logger.LogWarning("A signed Twilio webhook to {Path} is over the form limits ({Problem}); answering the fallback", http.Request.Path, overLimits);
            return Fallback(http);
        }
        return await next(context);
    }

    /// <summary>True when <paramref name="signature"/> is Twilio's signature of this URL and form, by <paramref name="authToken"/>.</summary>
    public static bool IsSigned(string authToken, string url, IEnumerable<KeyValuePair<string, StringValues>> form, string? signature)
    {
        // The validator throws on an empty signature; a request without one is simply not signed.
        if (string.IsNullOrEmpty(authToken) || string.IsNullOrWhiteSpace(signature))
        {
            return false;
        }
        try
        {
            return new RequestValidator(authToken).Validate(WithoutDefaultPort(url), SignedFields(form), signature.Trim());
        }
        catch (UriFormatException)
        {
            return false;
        }
    }

    /// <summary>
    /// The URL without a spelled-out default port (<c>:443</c> on https, <c>:80</c> on http). The validator tries the
    /// URL as given and with its port toggled, but reads an explicit default port as no port, so it would never try
    /// the URL without it; given the URL without it, it tries both spellings. The rest of the text is kept as given.
    /// </summary>
    internal static string WithoutDefaultPort(string url)
    {
        var authorityStart = url.IndexOf("://", StringComparison.Ordinal) + 3;
        if (authorityStart < 3)
        {
            return url;
        }
        var authorityEnd = url.IndexOfAny(['/', '?', '#'], authorityStart);
        if (authorityEnd < 0)
        {
            authorityEnd = url.Length;
        }
        var defaultPort = url[..(authorityStart - 3)].ToLowerInvariant() switch
        {
            "https" => ":443",
            "http" => ":80",
            _ => null,
        };
        return defaultPort is not null && url.AsSpan(authorityStart, authorityEnd - authorityStart).EndsWith(defaultPort, StringComparison.Ordinal)
            ? url[..(authorityEnd - defaultPort.Length)] + url[authorityEnd..]
            : url;
    }

    /// <summary>
    /// The form as the validator takes it: one value per name. Twilio signs a repeated name once per distinct value,
    /// in ordinal order of value (name₁value₁name₁value₂…), as its other helper libraries do, while the validator
    /// appends each name and its single value with no separator. Joining a repeated name's values with the name between
    /// them therefore hands the validator exactly the text Twilio signed; a name that occurs once passes as it is.
    /// </summary>
    internal static Dictionary<string, string> SignedFields(IEnumerable<KeyValuePair<string, StringValues>> form)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, values) in form)
        {
            var distinct = values.OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
            fields[name] = string.Join(name, distinct);
        }
        return fields;
    }

    /// <summary>The answer for a request we cannot handle: a polite apology and hang-up, a plain OK for a callback, no reply to a message.</summary>
    public static IResult Fallback(HttpContext http) =>
        http.GetEndpoint()?.Metadata.GetMetadata<TwilioAnswerMetadata>()?.Answer switch
        {
            TwilioAnswer.Acknowledgement => Results.Text("OK", "text/plain"),
            TwilioAnswer.Messaging => new MessagingResponse().ToResult(),
            _ => new VoiceResponse()
                .Say(Apology, voice: TwilioOptions.DefaultSayVoice, language: Say.LanguageEnum.HeIl)
                .Hangup()
                .ToResult(),
        };
}
