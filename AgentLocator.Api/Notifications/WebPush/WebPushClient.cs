using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Options;

namespace AgentLocator.Api.Notifications.WebPush;

public enum PushDeliveryOutcome
{
    Delivered,

    /// <summary>The push service no longer knows the subscription (404/410): it must be deleted.</summary>
    Gone,

    Failed,
}

/// <summary>
/// Sends one encrypted message to one subscription (RFC 8030 §5), retrying only what is worth retrying: 429, 5xx and
/// network failures, with doubling waits or the push service's Retry-After. This is the only retry policy on the wire;
/// the default resilience handler is removed from its HttpClient.
/// </summary>
public sealed class WebPushClient(
    HttpClient http, VapidAuthorization vapid, IOptions<WebPushOptions> options, TimeProvider time, ILogger<WebPushClient> logger)
{
    public const string HttpClientName = "webpush";

    /// <summary>Endpoint and keys of one browser subscription, as stored.</summary>
    public sealed record Target(string Endpoint, string P256dh, string Auth);

    public async Task<PushDeliveryOutcome> SendAsync(Target target, PushMessage message, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(target.Endpoint, UriKind.Absolute, out var endpoint)
            || !Base64UrlBytes.TryDecode(target.P256dh, out var userAgentKey) || !P256.IsValidPublicKey(userAgentKey)
            || !Base64UrlBytes.TryDecode(target.Auth, out var authSecret) || authSecret.Length != PushPayloadCipher.AuthSecretLength)
        {
            // The API validates on the way in, so this is a row damaged since; it can never be delivered.
            logger.LogWarning("A push subscription has an unusable endpoint or keys and is removed.");
            return PushDeliveryOutcome.Gone;
        }
        // Each attempt is encrypted afresh (new ephemeral key and salt): cheap, and no body is ever sent twice.
        var settings = options.Value;
        for (var attempt = 0; ; attempt++)
        {
            TimeSpan? retryAfter = null;
            try
            {
                using var request = CreateRequest(endpoint, message, userAgentKey, authSecret);
                using var response = await http.SendAsync(request, cancellationToken);
                var status = (int)response.StatusCode;
                if (response.IsSuccessStatusCode)
                {
                    return PushDeliveryOutcome.Delivered;
                }
                if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Gone)
                {
                    logger.LogInformation("Push service {Host} answered {Status}: the subscription has ended.", endpoint.Host, status);
                    return PushDeliveryOutcome.Gone;
                }
                if (response.StatusCode != HttpStatusCode.TooManyRequests && status < 500)
                {
                    logger.LogWarning("Push service {Host} refused a message with {Status}; not retrying.", endpoint.Host, status);
                    return PushDeliveryOutcome.Failed;
                }
                logger.LogInformation("Push service {Host} answered {Status} (attempt {Attempt}).", endpoint.Host, status, attempt + 1);
                retryAfter = RetryAfter(response.Headers.RetryAfter);
            }
            catch (HttpRequestException failure)
            {
                logger.LogInformation("Push service {Host} could not be reached (attempt {Attempt}): {Error}", endpoint.Host, attempt + 1, failure.HttpRequestError);
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                logger.LogInformation("Push service {Host} timed out (attempt {Attempt}).", endpoint.Host, attempt + 1);
            }

            if (attempt >= settings.MaxRetries)
            {
                logger.LogWarning("Giving up on a push message to {Host} after {Attempts} attempts.", endpoint.Host, attempt + 1);
                return PushDeliveryOutcome.Failed;
            }
            var backOff = settings.RetryBaseDelay * Math.Pow(2, attempt);
            var wait = retryAfter ?? backOff;
            await Task.Delay(wait < settings.MaxRetryDelay ? wait : settings.MaxRetryDelay, time, cancellationToken);
        }
    }

    private HttpRequestMessage CreateRequest(Uri endpoint, PushMessage message, byte[] userAgentKey, byte[] authSecret)
    {
        var body = PushPayloadCipher.Encrypt(Encoding.UTF8.GetBytes(message.PayloadJson), userAgentKey, authSecret);
        var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        request.Content.Headers.ContentEncoding.Add("aes128gcm");
        request.Headers.TryAddWithoutValidation("TTL", ((long)message.TimeToLive.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.TryAddWithoutValidation("Urgency", message.Urgency);
        if (message.Topic is { } topic)
        {
            request.Headers.TryAddWithoutValidation("Topic", topic);
        }
        request.Headers.TryAddWithoutValidation("Authorization", vapid.HeaderValueFor(endpoint));
        return request;
    }

    private TimeSpan? RetryAfter(RetryConditionHeaderValue? header) => header switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - time.GetUtcNow() is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero,
        _ => null,
    };
}
