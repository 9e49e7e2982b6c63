using System.Text.Json;
using AgentLocator.Api.WhatsApp;
using Microsoft.Extensions.Options;
using Twilio.Clients;
using Twilio.Exceptions;
using Twilio.Http;
using Twilio.Rest.Content.V1;

namespace AgentLocator.Api.Integrations.Twilio;

/// <summary>The account's templates could not be listed (Twilio refused or could not be reached).</summary>
public sealed class WhatsAppTemplatesUnavailableException(string message, Exception inner) : Exception(message, inner);

/// <summary>
/// Lists the account's WhatsApp templates from Twilio's Content API (<c>GET https://content.twilio.com/v1/Content</c>) with
/// the SDK's <see cref="ContentResource"/>: each Content's SID, friendly name, and the text of its first type that has one
/// (<c>twilio/text</c>, <c>twilio/quick-reply</c>, …); the placeholders are the keys of its <c>variables</c>, else those
/// found in the text. Requests go through the same address rewrite as sends (<see cref="TwilioApiAddress"/>).
/// </summary>
public sealed class TwilioContentTemplates(IHttpClientFactory httpClients, IOptions<WhatsAppSendOptions> options)
{
    /// <summary>More than any business approves; one page, so the SDK's synchronous paging never runs.</summary>
    private const int PageSize = 500;

    public bool IsConfigured => options.Value.IsConfigured;

    /// <exception cref="WhatsAppTemplatesUnavailableException">Twilio refused the request or could not be reached.</exception>
    public async Task<IReadOnlyList<WhatsAppTemplate>> ListAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var client = new TwilioRestClient(settings.AccountSid, settings.AuthToken,
            httpClient: new SystemNetHttpClient(httpClients.CreateClient(TwilioWhatsAppSender.HttpClientName)));
        try
        {
            var contents = await ContentResource.ReadAsync(new ReadContentOptions { PageSize = PageSize, Limit = PageSize }, client)
                .WaitAsync(cancellationToken);
            return [.. contents.Select(Template).OfType<WhatsAppTemplate>()];
        }
        catch (ApiException refused)
        {
            throw new WhatsAppTemplatesUnavailableException($"Twilio answered {refused.Status} ({refused.Code}) to the template list.", refused);
        }
        catch (ApiConnectionException unreachable)
        {
            throw new WhatsAppTemplatesUnavailableException("Twilio could not be reached for the template list.", unreachable);
        }
    }

    private static WhatsAppTemplate? Template(ContentResource content)
    {
        if (!WhatsAppTemplates.IsContentSid(content.Sid))
        {
            return null;
        }
        // The SDK leaves types and variables as parsed JSON objects of its own serializer; their text is plain JSON.
        var body = FirstBody(content._Types?.ToString());
        var variables = VariableNames(content.Variables?.ToString());
        return new WhatsAppTemplate(content.Sid, string.IsNullOrWhiteSpace(content.FriendlyName) ? content.Sid : content.FriendlyName, body ?? "",
            variables.Count > 0 ? variables : WhatsAppTemplates.VariablesOf(body ?? ""));
    }

    private static string? FirstBody(string? typesJson)
    {
        if (string.IsNullOrWhiteSpace(typesJson))
        {
            return null;
        }
        using var types = JsonDocument.Parse(typesJson);
        if (types.RootElement.ValueKind != JsonValueKind.Object)
        {
            return null;
        }
        // twilio/text first when there is one: it is what a customer reads on a channel without rich types.
        var ordered = types.RootElement.EnumerateObject().OrderBy(type => type.Name == "twilio/text" ? 0 : 1);
        return ordered.Select(type => type.Value.ValueKind == JsonValueKind.Object && type.Value.TryGetProperty("body", out var body)
                && body.ValueKind == JsonValueKind.String ? body.GetString() : null)
            .FirstOrDefault(body => !string.IsNullOrWhiteSpace(body));
    }

    private static IReadOnlyList<string> VariableNames(string? variablesJson)
    {
        if (string.IsNullOrWhiteSpace(variablesJson))
        {
            return [];
        }
        using var variables = JsonDocument.Parse(variablesJson);
        return variables.RootElement.ValueKind == JsonValueKind.Object
            ? [.. variables.RootElement.EnumerateObject().Select(variable => variable.Name)
                .OrderBy(name => int.TryParse(name, out var number) ? number : int.MaxValue).ThenBy(name => name, StringComparer.Ordinal)]
            : [];
    }
}
