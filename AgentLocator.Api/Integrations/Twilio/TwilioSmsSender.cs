using Microsoft.Extensions.Options;
using Twilio.Clients;
using Twilio.Exceptions;
using Twilio.Http;
using Twilio.Rest.Api.V2010.Account;
using Twilio.Types;

namespace AgentLocator.Api.Integrations.Twilio;

/// <summary>
/// Sends a plain SMS (an invitation or reset link) with Twilio's SDK, through the same Messages API, credentials and
/// address override as WhatsApp sends. The sender is the business's own Twilio number, else <c>Twilio:SmsFrom</c>.
/// </summary>
public sealed class TwilioSmsSender(IHttpClientFactory httpClients, IOptions<WhatsAppSendOptions> options, IConfiguration configuration,
    ILogger<TwilioSmsSender> logger)
{
    public bool IsConfigured => !string.IsNullOrWhiteSpace(options.Value.AccountSid) && !string.IsNullOrWhiteSpace(options.Value.AuthToken);

    public string? DefaultFrom => configuration["Twilio:SmsFrom"] is { Length: > 0 } from ? from : null;

    /// <summary>Null when Twilio took it, else why not (said to the admin; nothing secret in it).</summary>
    public async Task<string?> SendAsync(string from, string to, string body, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var client = new TwilioRestClient(settings.AccountSid, settings.AuthToken,
            httpClient: new SystemNetHttpClient(httpClients.CreateClient(TwilioWhatsAppSender.HttpClientName)));
        try
        {
            var sent = await MessageResource.CreateAsync(new CreateMessageOptions(new PhoneNumber(to)) { From = new PhoneNumber(from), Body = body }, client)
                .WaitAsync(cancellationToken);
            logger.LogInformation("Twilio accepted an account SMS as {MessageSid}", sent.Sid);
            return null;
        }
        catch (ApiException refused)
        {
            logger.LogWarning("Twilio refused an account SMS: {Status} {Code}", refused.Status, refused.Code);
            return $"Twilio refused the SMS ({refused.Status}: {refused.Message}).";
        }
        catch (ApiConnectionException unreachable)
        {
            logger.LogWarning(unreachable, "Twilio could not be reached for an account SMS");
            return "Twilio could not be reached.";
        }
    }
}
