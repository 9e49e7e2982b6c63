namespace AgentLocator.Api.Integrations.WebPush;

/// <summary>
/// Lib.Net.Http.WebPush leaves the Urgency header out for normal urgency (the RFC 8030 §5.3 default). We have always sent
/// it explicitly, so a push service or proxy that logs or routes on the header sees the same value for every message.
/// </summary>
public sealed class ExplicitNormalUrgencyHandler : DelegatingHandler
{
    private const string UrgencyHeader = "Urgency";

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!request.Headers.Contains(UrgencyHeader))
        {
            request.Headers.TryAddWithoutValidation(UrgencyHeader, "normal");
        }
        return base.SendAsync(request, cancellationToken);
    }
}
