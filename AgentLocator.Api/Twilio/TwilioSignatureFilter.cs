using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace AgentLocator.Api.Twilio;

/// <summary>How an endpoint answers Twilio when it cannot do its work: a TwiML document, or a plain acknowledgement.</summary>
public enum TwilioAnswer
{
    TwiML,
    Acknowledgement,
}

/// <summary>Endpoint metadata naming the endpoint's <see cref="TwilioAnswer"/>.</summary>
public sealed record TwilioAnswerMetadata(TwilioAnswer Answer);

/// <summary>
/// Lets through only requests Twilio signed. The signed URL is rebuilt from the configured public host plus the
/// path and query, since behind a proxy the Host and scheme we see are not the ones Twilio called.
/// Unsigned or forged → 403 and the handler never runs, so nothing is stored.
/// </summary>
public sealed class TwilioSignatureFilter(IOptions<TwilioOptions> options, ILogger<TwilioSignatureFilter> logger) : IEndpointFilter
{
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

        IEnumerable<KeyValuePair<string, StringValues>> form = http.Request.HasFormContentType
            ? await http.Request.ReadFormAsync(http.RequestAborted)
            : [];
        var url = settings.PublicHost + http.Request.PathBase.ToUriComponent() + http.Request.Path.ToUriComponent() + http.Request.QueryString.ToUriComponent();
        if (!TwilioSignature.IsValid(settings.AuthToken, url, form, http.Request.Headers[TwilioSignature.Header]))
        {
            logger.LogWarning("Refused an unsigned or wrongly signed Twilio webhook to {Path}", http.Request.Path);
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "The request is not signed by Twilio.",
                detail: $"The {TwilioSignature.Header} header is missing or does not match the request.");
        }
        return await next(context);
    }

    /// <summary>The answer for a request we cannot handle: a polite apology and hang-up, or a plain OK for a callback.</summary>
    public static IResult Fallback(HttpContext http) =>
        http.GetEndpoint()?.Metadata.GetMetadata<TwilioAnswerMetadata>()?.Answer == TwilioAnswer.Acknowledgement
            ? Results.Text("OK", "text/plain")
            : new TwiML().Say(TwilioMessages.Apology).Hangup().ToResult();
}

/// <summary>The Hebrew sentences a caller can hear from the call flow's fixed paths.</summary>
public static class TwilioMessages
{
    public const string Apology = "מצטערים, אירעה תקלה. אנא נסו שוב מאוחר יותר. להתראות.";
    public const string NumberNotInService = "המספר שחייגתם אינו פעיל כרגע. תודה ולהתראות.";
    public const string NoMessageHeard = "לא שמענו הודעה. ננסה שוב.";
    public const string LeaveMessageAgain = "אנא השאירו הודעה אחרי הצליל.";
    public const string Goodbye = "לא התקבלה הודעה. תודה ולהתראות.";
    public const string ThankYou = "תודה, הודעתכם התקבלה. נחזור אליכם בהקדם. להתראות.";
    public const string TooShort = "לא הצלחנו לשמוע את ההודעה. אנא השאירו אותה שוב אחרי הצליל.";
    public const string AnythingElse = "אם תרצו להוסיף משהו, דברו אחרי הצליל.";
    public const string ThanksForCalling = "תודה שהתקשרתם. להתראות.";
}
