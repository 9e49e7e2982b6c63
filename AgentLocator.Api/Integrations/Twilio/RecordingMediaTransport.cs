using System.Net.Http.Headers;
using TwilioHttpClient = Twilio.Http.HttpClient;
using TwilioRequest = Twilio.Http.Request;
using TwilioResponse = Twilio.Http.Response;

namespace AgentLocator.Api.Integrations.Twilio;

/// <summary>
/// The transport under Twilio's REST client for one recording download attempt. The REST client builds the request
/// (the URL, the account's credentials) and turns an error answer into an <c>ApiException</c>; the SDK's own
/// transport reads every body as text, which would mangle audio, so the bytes of a successful answer are kept here
/// and the client is handed an empty body. One instance per attempt: it holds that attempt's answer and deadline.
/// </summary>
internal sealed class RecordingMediaTransport(HttpClient http, CancellationToken cancellationToken) : TwilioHttpClient
{
    public byte[]? Content { get; private set; }

    public string? ContentType { get; private set; }

    public override TwilioResponse MakeRequest(TwilioRequest request) => MakeRequestAsync(request).GetAwaiter().GetResult();

    public override async Task<TwilioResponse> MakeRequestAsync(TwilioRequest request)
    {
        LastRequest = request;
        var url = request.ConstructUrl();
        using var message = new HttpRequestMessage(HttpMethod.Get, url);
        // The account's credentials go only over TLS, or to this machine (a local fake in development and tests).
        if (request.Username is { Length: > 0 } user && request.Password is { Length: > 0 } password
            && (url.Scheme == Uri.UriSchemeHttps || url.IsLoopback))
        {
            message.Headers.Authorization = new AuthenticationHeaderValue("Basic", Authentication(user, password));
        }
        using var response = await http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (response.IsSuccessStatusCode)
        {
            Content = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            ContentType = response.Content.Headers.ContentType?.MediaType;
            LastResponse = new TwilioResponse(response.StatusCode, "");
        }
        else
        {
            // Twilio's error JSON, which the REST client reads into its exception.
            LastResponse = new TwilioResponse(response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken));
        }
        return LastResponse;
    }
}
