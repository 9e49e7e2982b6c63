using AgentLocator.Api.Integrations.WebPush;

namespace AgentLocator.Api.Notifications;

/// <summary>A subscription checked before it is stored, so the sender never meets keys it cannot encrypt to.</summary>
public sealed record ValidPushSubscription(string Endpoint, string P256dh, string Auth, DateTimeOffset? ExpiresAt);

public static class PushSubscriptionValidation
{
    /// <summary>The <c>push_subscriptions.endpoint</c> column's length.</summary>
    public const int MaxEndpointLength = 2048;

    public static (ValidPushSubscription? Subscription, Dictionary<string, string[]> Errors) Validate(PushSubscriptionRequest? request)
    {
        var errors = new Dictionary<string, string[]>();
        var endpointError = EndpointError(request?.Endpoint);
        if (endpointError is not null)
        {
            errors["endpoint"] = [endpointError];
        }

        if (!Base64UrlBytes.TryDecode(request?.Keys?.P256dh, out var p256dh)
            || !P256Point.IsValid(p256dh))
        {
            errors["keys.p256dh"] = ["keys.p256dh must be the base64url of a 65-byte uncompressed P-256 point (starting 0x04)."];
        }
        if (!Base64UrlBytes.TryDecode(request?.Keys?.Auth, out var auth) || auth.Length != RetryingPushClient.AuthSecretLength)
        {
            errors["keys.auth"] = ["keys.auth must be the base64url of 16 bytes."];
        }

        DateTimeOffset? expiresAt = null;
        if (request?.ExpirationTime is { } milliseconds)
        {
            if (double.IsFinite(milliseconds) && milliseconds >= 0 && milliseconds <= DateTimeOffset.MaxValue.ToUnixTimeMilliseconds())
            {
                expiresAt = DateTimeOffset.FromUnixTimeMilliseconds((long)milliseconds);
            }
            else
            {
                errors["expirationTime"] = ["expirationTime must be null or milliseconds since 1970-01-01."];
            }
        }

        return errors.Count > 0
            ? (null, errors)
            // Stored in canonical form, whichever base64 variant the browser used.
            : (new ValidPushSubscription(request!.Endpoint!, Base64UrlBytes.Encode(p256dh), Base64UrlBytes.Encode(auth), expiresAt), errors);
    }

    public static string? EndpointError(string? endpoint)
    {
        if (string.IsNullOrWhiteSpace(endpoint))
        {
            return "endpoint is required.";
        }
        if (endpoint.Length > MaxEndpointLength)
        {
            return $"endpoint can be at most {MaxEndpointLength} characters.";
        }
        if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri))
        {
            return "endpoint must be an absolute URL.";
        }
        // Plain http only to this machine: that is a local (test) push service, never a real one.
        return uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback
            ? null
            : "endpoint must be an https URL.";
    }
}
