using System.Net;
using System.Net.Http.Headers;
using Lib.Net.Http.WebPush;
using Lib.Net.Http.WebPush.Authentication;
using Microsoft.Extensions.Options;
using LibPushMessage = Lib.Net.Http.WebPush.PushMessage;
using PushMessage = AgentLocator.Grains.Notifications.PushMessage;
using LibPushSubscription = Lib.Net.Http.WebPush.PushSubscription;

namespace AgentLocator.Api.Integrations.WebPush;

public enum PushDeliveryOutcome
{
    Delivered,

    /// <summary>The push service no longer knows the subscription (404/410): it must be deleted.</summary>
    Gone,

    Failed,
}

/// <summary>
/// Sends one message to one subscription with Lib.Net.Http.WebPush (which encrypts, RFC 8291, and signs, RFC 8292),
/// retrying only what is worth retrying: 429, 5xx and network failures, with doubling waits or the push service's
/// Retry-After. This is the only retry policy on the wire: the library's own 429 retry is switched off and the default
/// resilience handler is removed from its HttpClient.
/// </summary>
public sealed class RetryingPushClient(
    HttpClient http,
    VapidKeys keys,
    VapidTokenCache tokens,
    IOptions<VapidOptions> vapid,
    IOptions<WebPushOptions> options,
    TimeProvider time,
    ILogger<RetryingPushClient> logger)
{
    /// <summary>RFC 8291 §3.2: the browser's authentication secret is 16 random bytes.</summary>
    public const int AuthSecretLength = 16;

    public const string HttpClientName = "webpush";

    private readonly PushServiceClient pushService = new(http) { AutoRetryAfter = false };

    /// <summary>Endpoint and keys of one browser subscription, as stored.</summary>
    public sealed record Target(string Endpoint, string P256dh, string Auth);

    public async Task<PushDeliveryOutcome> SendAsync(Target target, PushMessage message, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(target.Endpoint, UriKind.Absolute, out var endpoint)
            || !Base64UrlBytes.TryDecode(target.P256dh, out var userAgentKey) || !P256Point.IsValid(userAgentKey)
            || !Base64UrlBytes.TryDecode(target.Auth, out var authSecret) || authSecret.Length != AuthSecretLength)
        {
            // The API validates on the way in, so this is a row damaged since; it can never be delivered.
            logger.LogWarning("A push subscription has an unusable endpoint or keys and is removed.");
            return PushDeliveryOutcome.Gone;
        }
        var subscription = new LibPushSubscription
        {
            Endpoint = target.Endpoint,
            Keys = new Dictionary<string, string> { ["p256dh"] = target.P256dh, ["auth"] = target.Auth },
        };
        var pushMessage = ToLibraryMessage(message);
        using var authentication = keys.CreateAuthentication(vapid.Value.Subject, tokens);

        // The library encrypts each attempt afresh (new ephemeral key and salt), so no body is ever sent twice.
        var settings = options.Value;
        for (var attempt = 0; ; attempt++)
        {
            TimeSpan? retryAfter = null;
            try
            {
                await pushService.RequestPushMessageDeliveryAsync(
                    subscription, pushMessage, authentication, VapidAuthenticationScheme.Vapid, cancellationToken);
                return PushDeliveryOutcome.Delivered;
            }
            catch (PushServiceClientException refused)
            {
                var status = (int)refused.StatusCode;
                if (refused.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Gone)
                {
                    logger.LogInformation("Push service {Host} answered {Status}: the subscription has ended.", endpoint.Host, status);
                    return PushDeliveryOutcome.Gone;
                }
                if (refused.StatusCode != HttpStatusCode.TooManyRequests && status < 500)
                {
                    logger.LogWarning("Push service {Host} refused a message with {Status}; not retrying.", endpoint.Host, status);
                    return PushDeliveryOutcome.Failed;
                }
                logger.LogInformation("Push service {Host} answered {Status} (attempt {Attempt}).", endpoint.Host, status, attempt + 1);
                retryAfter = RetryAfter(refused.Headers?.RetryAfter);
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

    private static LibPushMessage ToLibraryMessage(PushMessage message) => new(message.PayloadJson)
    {
        Topic = message.Topic,
        // PushOutbox has checked the TTL is not negative; beyond int seconds (68 years) every push service caps it anyway.
        TimeToLive = (int)Math.Min(message.TimeToLive.TotalSeconds, int.MaxValue),
        Urgency = message.Urgency switch
        {
            "very-low" => PushMessageUrgency.VeryLow,
            "low" => PushMessageUrgency.Low,
            "normal" => PushMessageUrgency.Normal,
            "high" => PushMessageUrgency.High,
            // PushOutbox refuses any other value when the message is recorded.
            _ => throw new ArgumentException($"Unknown urgency '{message.Urgency}'.", nameof(message)),
        },
    };

    private TimeSpan? RetryAfter(RetryConditionHeaderValue? header) => header switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - time.GetUtcNow() is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero,
        _ => null,
    };
}
