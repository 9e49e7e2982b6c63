using AgentLocator.Api.Integrations.Twilio;
using AgentLocator.Grains.Abstractions;
using Twilio.TwiML;

namespace AgentLocator.Api.WhatsApp;

/// <summary>
/// Twilio's WhatsApp webhooks: an inbound message and an outbound message's status. Anonymous but signature-checked
/// (403 and nothing stored when forged or missing). Twilio always gets a 200 with a valid answer: an empty messaging
/// <c>&lt;Response/&gt;</c> (no automatic reply) for a message, "OK" for a status.
/// </summary>
public static class WhatsAppWebhooks
{
    public const string InboundPath = "/webhook/whatsapp";
    public const string StatusPath = "/webhook/whatsapp_status";

    /// <summary>Well inside Twilio's 15 s: the store is one grain call and a few statements.</summary>
    private static readonly TimeSpan GrainBudget = TimeSpan.FromSeconds(10);

    public static IEndpointRouteBuilder MapWhatsAppWebhooks(this IEndpointRouteBuilder app)
    {
        var webhooks = app.MapGroup("/webhook")
            .AllowAnonymous()
            // Twilio cannot carry an antiforgery token; the signature is what proves the sender.
            .DisableAntiforgery()
            .AddEndpointFilter<TwilioSignatureFilter>()
            .WithTags("Twilio");
        webhooks.MapPost("/whatsapp", InboundAsync).WithMetadata(new TwilioAnswerMetadata(TwilioAnswer.Messaging));
        webhooks.MapPost("/whatsapp_status", StatusAsync).WithMetadata(new TwilioAnswerMetadata(TwilioAnswer.Acknowledgement));
        return app;
    }

    internal static async Task<IResult> InboundAsync(WhatsAppWebhookRequest posted, IGrainFactory grains, WhatsAppMediaCopier media, ILoggerFactory loggers)
    {
        if (posted is { MessageSid: { } sid, From: { } from, To: { } to })
        {
            try
            {
                var result = await grains.GetGrain<IWhatsAppMessageGrain>(sid)
                    .Receive(new InboundWhatsApp(from, to, posted.Body, posted.ProfileName, posted.Media,
                        posted.OriginalRepliedMessageSid, posted.ButtonText, posted.ButtonPayload))
                    .WaitAsync(GrainBudget);
                if (result is { Outcome: InboundWhatsAppOutcome.Stored } && posted.Media.Count > 0)
                {
                    // The copy was recorded with the message and runs off Twilio's path: the answer goes back now.
                    media.Wake();
                }
                else if (result.Outcome is InboundWhatsAppOutcome.UnknownNumber or InboundWhatsAppOutcome.UnknownSender)
                {
                    loggers.CreateLogger(typeof(WhatsAppWebhooks)).LogWarning("WhatsApp message {MessageSid} not stored: {Outcome}", sid, result.Outcome);
                }
            }
            catch (Exception error) when (error is not OutOfMemoryException)
            {
                loggers.CreateLogger(typeof(WhatsAppWebhooks)).LogError(error, "WhatsApp message {MessageSid} could not be stored", sid);
            }
        }
        return new MessagingResponse().ToResult();
    }

    internal static async Task<IResult> StatusAsync(HttpRequest request, WhatsAppWebhookRequest callback, IGrainFactory grains, ILoggerFactory loggers)
    {
        if (callback is { MessageSid: { } sid, MessageStatus: { } status })
        {
            var messageId = Guid.TryParse(request.Query["m"], out var id) ? id : (Guid?)null;
            try
            {
                var known = await grains.GetGrain<IWhatsAppMessageGrain>(sid)
                    .RecordStatus(new WhatsAppStatusUpdate(status, callback.ErrorCode, messageId)).WaitAsync(GrainBudget);
                if (!known)
                {
                    loggers.CreateLogger(typeof(WhatsAppWebhooks)).LogInformation("Status {Status} for unknown WhatsApp message {MessageSid}", status, sid);
                }
            }
            catch (Exception error) when (error is not OutOfMemoryException)
            {
                loggers.CreateLogger(typeof(WhatsAppWebhooks)).LogError(error, "Could not record status {Status} of WhatsApp message {MessageSid}", status, sid);
            }
        }
        return Results.Text("OK", "text/plain");
    }
}
