using System.Text.Json;
using AgentLocator.Grains.WhatsApp;
using Microsoft.Extensions.Options;
using Twilio.Clients;
using Twilio.Exceptions;
using Twilio.Http;
using Twilio.Rest.Api.V2010.Account;
using Twilio.Types;

namespace AgentLocator.Api.Integrations.Twilio;

/// <summary>
/// Sends WhatsApp messages with Twilio's SDK (<see cref="MessageResource.CreateAsync(CreateMessageOptions, ITwilioRestClient)"/>):
/// free text as Body, a template as ContentSid + ContentVariables, each with a StatusCallback to
/// <c>/webhook/whatsapp_status?m={message id}</c> so a callback that arrives before the send's answer still finds its row.
/// </summary>
public sealed class TwilioWhatsAppSender(IHttpClientFactory httpClients, IOptions<WhatsAppSendOptions> options, ILogger<TwilioWhatsAppSender> logger)
    : IWhatsAppSender
{
    public const string HttpClientName = "twilio-api";

    public bool IsConfigured => options.Value.IsConfigured;

    public async Task<WhatsAppSent> SendAsync(WhatsAppSend message, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var client = new TwilioRestClient(settings.AccountSid, settings.AuthToken, httpClient: new SystemNetHttpClient(httpClients.CreateClient(HttpClientName)));
        var create = new CreateMessageOptions(new PhoneNumber(WhatsAppAddresses.Address(message.To)))
        {
            From = new PhoneNumber(WhatsAppAddresses.Address(message.From)),
            StatusCallback = new Uri($"{settings.PublicHost}{Api.WhatsApp.WhatsAppWebhooks.StatusPath}?m={message.MessageId:D}"),
        };
        if (message.TemplateId is { } template)
        {
            create.ContentSid = template;
            if (message.Variables is { Count: > 0 } variables)
            {
                create.ContentVariables = JsonSerializer.Serialize(variables);
            }
        }
        else
        {
            create.Body = message.Body;
        }
        try
        {
            var sent = await MessageResource.CreateAsync(create, client).WaitAsync(cancellationToken);
            logger.LogInformation("Twilio accepted WhatsApp message {MessageId} as {MessageSid} ({Status})", message.MessageId, sent.Sid, sent.Status);
            return new WhatsAppSent(sent.Sid, sent.Status?.ToString() ?? "queued");
        }
        catch (ApiException refused)
        {
            throw new WhatsAppSendException(refused.Code == 0 ? null : refused.Code, $"Twilio answered {refused.Status}: {refused.Message}", refused);
        }
        catch (ApiConnectionException unreachable)
        {
            throw new WhatsAppSendException(null, "Twilio could not be reached.", unreachable);
        }
    }
}
