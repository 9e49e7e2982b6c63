using System.Globalization;
using AgentLocator.Api.Integrations.Twilio;
using AgentLocator.Grains.Abstractions;
using Microsoft.Extensions.Primitives;

namespace AgentLocator.Api.WhatsApp;

/// <summary>
/// The fields of Twilio's messaging webhook and status callback that we use (form-encoded, From/To as
/// <c>whatsapp:+972…</c>, media as <c>MediaUrl{n}</c>/<c>MediaContentType{n}</c> for n below <c>NumMedia</c>).
/// Nothing here is trusted before the signature filter has checked the request.
/// </summary>
public sealed record WhatsAppWebhookRequest
{
    public string? MessageSid { get; init; }
    public string? From { get; init; }
    public string? To { get; init; }
    public string? Body { get; init; }
    public string? ProfileName { get; init; }
    public string? WaId { get; init; }
    public IReadOnlyList<InboundWhatsAppMedia> Media { get; init; } = [];
    public string? OriginalRepliedMessageSid { get; init; }
    public string? ButtonText { get; init; }
    public string? ButtonPayload { get; init; }
    public string? MessageStatus { get; init; }
    public int? ErrorCode { get; init; }

    /// <summary>Binds from <see cref="TwilioForm"/>: a body that is not a readable form binds as empty, never as an error.</summary>
    public static async ValueTask<WhatsAppWebhookRequest> BindAsync(HttpContext context)
    {
        var form = (await TwilioForm.ReadAsync(context)).Fields;
        var media = new List<InboundWhatsAppMedia>();
        var count = Math.Min(Number(form, "NumMedia") ?? 0, Grains.WhatsApp.WhatsAppMessageGrain.MaxMedia);
        for (var n = 0; n < count; n++)
        {
            if (Field(form, $"MediaUrl{n}") is { } url)
            {
                media.Add(new InboundWhatsAppMedia(url, Field(form, $"MediaContentType{n}")));
            }
        }
        return new WhatsAppWebhookRequest
        {
            // Older messaging callbacks name it SmsMessageSid too; MessageSid is the current field.
            MessageSid = Field(form, "MessageSid") ?? Field(form, "SmsMessageSid"),
            From = Field(form, "From"),
            To = Field(form, "To"),
            Body = Text(form, "Body"),
            ProfileName = Field(form, "ProfileName"),
            WaId = Field(form, "WaId"),
            Media = media,
            OriginalRepliedMessageSid = Field(form, "OriginalRepliedMessageSid"),
            ButtonText = Field(form, "ButtonText"),
            ButtonPayload = Field(form, "ButtonPayload"),
            MessageStatus = Field(form, "MessageStatus") ?? Field(form, "SmsStatus"),
            ErrorCode = Number(form, "ErrorCode"),
        };
    }

    private static string? Field(IReadOnlyDictionary<string, StringValues> form, string name) =>
        form.TryGetValue(name, out var values) && values.FirstOrDefault() is { Length: > 0 } value ? value.Trim() : null;

    /// <summary>A message's text as written: only its outer whitespace is trimmed, its lines are kept.</summary>
    private static string? Text(IReadOnlyDictionary<string, StringValues> form, string name) =>
        form.TryGetValue(name, out var values) && values.FirstOrDefault() is { } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    private static int? Number(IReadOnlyDictionary<string, StringValues> form, string name) =>
        int.TryParse(Field(form, name), NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : null;
}
