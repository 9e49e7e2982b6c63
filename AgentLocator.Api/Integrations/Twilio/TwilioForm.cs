using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace AgentLocator.Api.Integrations.Twilio;

/// <summary>
/// The posted fields of one Twilio webhook, read once per request and shared by the binding, the signature check and
/// the call trace. Read here rather than with <c>ReadFormAsync</c>, whose limits (a value over 4 MB, more than 1,024
/// fields, a broken multipart body) throw before the signature is checked, so any sender could get a 500.
/// <para>
/// Twilio posts small url-encoded forms. A body over <see cref="MaxBodyBytes"/>, or one that cannot be read, cannot be
/// Twilio's and its signature cannot be checked: it is <see cref="Unreadable"/>. Otherwise every field is read; the
/// signature is checked over them, and only then the framework's usual form limits (<see cref="LimitProblem"/>). Any
/// other content type (JSON, multipart, none) carries no fields: its signature covers the URL alone, as Twilio's would.
/// </para>
/// </summary>
public sealed class TwilioForm
{
    /// <summary>
    /// Twilio's webhooks are a few KB. Twice the form's largest value (4 MB), so a signed body over the form limits is
    /// still checked and answered with TwiML; anything larger is refused unread.
    /// </summary>
    public const int MaxBodyBytes = 8 * 1024 * 1024;

    private const string UrlEncoded = "application/x-www-form-urlencoded";

    private static readonly Dictionary<string, StringValues> NoFields = [];

    private TwilioForm(Dictionary<string, StringValues> fields, string? unreadable)
    {
        Fields = fields;
        Unreadable = unreadable;
    }

    /// <summary>The fields by name; empty when the body is not a url-encoded form or could not be read.</summary>
    public IReadOnlyDictionary<string, StringValues> Fields { get; }

    /// <summary>Why the body could not be read (so nothing in it can be trusted or even checked), or null.</summary>
    public string? Unreadable { get; }

    /// <summary>Which of the framework's default form limits the fields exceed, or null when they are within them.</summary>
    public string? LimitProblem
    {
        get
        {
            if (Fields.Values.Sum(values => values.Count) > FormReader.DefaultValueCountLimit)
            {
                return $"more than {FormReader.DefaultValueCountLimit} fields";
            }
            if (Fields.Keys.Any(name => name.Length > FormReader.DefaultKeyLengthLimit))
            {
                return $"a field name longer than {FormReader.DefaultKeyLengthLimit} characters";
            }
            return Fields.Values.Any(values => values.Any(value => value?.Length > FormReader.DefaultValueLengthLimit))
                ? $"a value longer than {FormReader.DefaultValueLengthLimit} characters"
                : null;
        }
    }

    /// <summary>The request's form, read on first use and then kept with the request.</summary>
    public static async Task<TwilioForm> ReadAsync(HttpContext http)
    {
        if (http.Features.Get<TwilioForm>() is { } read)
        {
            return read;
        }
        var form = await ReadBodyAsync(http.Request);
        http.Features.Set(form);
        return form;
    }

    private static async Task<TwilioForm> ReadBodyAsync(HttpRequest request)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var contentType)
            || !contentType.MediaType.Equals(UrlEncoded, StringComparison.OrdinalIgnoreCase))
        {
            return new TwilioForm(NoFields, null);
        }
        if (request.ContentLength > MaxBodyBytes)
        {
            return new TwilioForm(NoFields, $"the body is over {MaxBodyBytes} bytes");
        }
        try
        {
            var body = await ReadAtMostAsync(request.Body, MaxBodyBytes, request.HttpContext.RequestAborted);
            if (body is null)
            {
                return new TwilioForm(NoFields, $"the body is over {MaxBodyBytes} bytes");
            }
            // Twilio sends UTF-8. No limits while reading: the body is already bounded, and the limits are applied
            // after the signature check, so that they answer Twilio with TwiML rather than refuse it.
            var reader = new FormReader(Encoding.UTF8.GetString(body))
            {
                ValueCountLimit = int.MaxValue, KeyLengthLimit = int.MaxValue, ValueLengthLimit = int.MaxValue,
            };
            return new TwilioForm(reader.ReadForm(), null);
        }
        catch (Exception broken) when (broken is IOException or BadHttpRequestException or InvalidDataException
                                       || (broken is OperationCanceledException && request.HttpContext.RequestAborted.IsCancellationRequested))
        {
            return new TwilioForm(NoFields, "the body could not be read");
        }
    }

    /// <summary>The whole body, or null when it is longer than <paramref name="limit"/> bytes.</summary>
    private static async Task<byte[]?> ReadAtMostAsync(Stream body, int limit, CancellationToken cancellationToken)
    {
        using var content = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (content.Length + read > limit)
            {
                return null;
            }
            content.Write(chunk, 0, read);
        }
        return content.ToArray();
    }
}
