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

    /// <summary>Minimal API binding from the form; a body that is not a form binds as empty, never as an error.</summary>
    public static async ValueTask<TwilioWebhookRequest> BindAsync(HttpContext context)
    {
        if (!context.Request.HasFormContentType)
        {
            return new TwilioWebhookRequest();
        }
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
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

    private static string? Field(IFormCollection form, string name) =>
        form.TryGetValue(name, out var values) && values.FirstOrDefault() is { Length: > 0 } value ? value.Trim() : null;

    private static int? Number(IFormCollection form, string name) =>
        int.TryParse(Field(form, name), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number) ? number : null;
}
