using Microsoft.Extensions.Primitives;

namespace AgentLocator.Api.Integrations.Twilio;

/// <summary>
/// The form fields of Twilio's voice webhooks and callbacks that we use (Twilio sends
/// <c>application/x-www-form-urlencoded</c> POSTs). Absent fields are null; nothing here is trusted before the
/// signature filter has checked the request.
/// </summary>
public sealed record TwilioWebhookRequest
{
    public string? CallSid { get; init; }
    public string? AccountSid { get; init; }
    public string? From { get; init; }
    public string? To { get; init; }
    public string? CallStatus { get; init; }
    public string? Direction { get; init; }
    public int? CallDuration { get; init; }
    public string? RecordingSid { get; init; }
    public string? RecordingUrl { get; init; }
    public string? RecordingStatus { get; init; }
    public int? RecordingDuration { get; init; }

    /// <summary>Keys pressed to end a &lt;Record&gt;; "hangup" when the caller hung up while recording.</summary>
    public string? Digits { get; init; }

    /// <summary>
    /// Minimal API binding from the form (<see cref="TwilioForm"/>); a body that is not a readable form binds as empty,
    /// never as an error. Binding runs before the signature filter, which then refuses what it cannot check.
    /// </summary>
    public static async ValueTask<TwilioWebhookRequest> BindAsync(HttpContext context)
    {
        var form = (await TwilioForm.ReadAsync(context)).Fields;
        return new TwilioWebhookRequest
        {
            CallSid = Field(form, "CallSid"),
            AccountSid = Field(form, "AccountSid"),
            From = Field(form, "From"),
            To = Field(form, "To"),
            CallStatus = Field(form, "CallStatus"),
            Direction = Field(form, "Direction"),
            CallDuration = Number(form, "CallDuration"),
            RecordingSid = Field(form, "RecordingSid"),
            RecordingUrl = Field(form, "RecordingUrl"),
            RecordingStatus = Field(form, "RecordingStatus"),
            RecordingDuration = Number(form, "RecordingDuration"),
            Digits = Field(form, "Digits"),
        };
    }

    private static string? Field(IReadOnlyDictionary<string, StringValues> form, string name) =>
        form.TryGetValue(name, out var values) && values.FirstOrDefault() is { Length: > 0 } value ? value.Trim() : null;

    private static int? Number(IReadOnlyDictionary<string, StringValues> form, string name) =>
        int.TryParse(Field(form, name), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number) ? number : null;
}
