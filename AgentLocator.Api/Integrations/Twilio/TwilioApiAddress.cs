namespace AgentLocator.Api.Integrations.Twilio;

/// <summary>
/// Sends the REST client's requests for <c>api.twilio.com</c> to <see cref="WhatsAppSendOptions.ApiBaseUrl"/> when one
/// is set, keeping the path and query, so the real client code (its form encoding, auth and error parsing) runs
/// against a local fake. Credentials still go only over TLS or to this machine.
/// </summary>
internal sealed class TwilioApiAddress(Uri? baseUrl) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (baseUrl is not null && request.RequestUri is { } uri)
        {
            request.RequestUri = new Uri(baseUrl, uri.PathAndQuery.TrimStart('/'));
        }
        if (request.RequestUri is { } target && target.Scheme != Uri.UriSchemeHttps && !target.IsLoopback)
        {
            request.Headers.Authorization = null;
        }
        return base.SendAsync(request, cancellationToken);
    }
}
