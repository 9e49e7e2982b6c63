using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace AgentLocator.Api.Notifications.WebPush;

/// <summary>
/// The RFC 8292 <c>Authorization: vapid t=…, k=…</c> header for a push service. A token is valid for one audience
/// (the push service's origin) and is reused until an hour before it expires, so signing is rare.
/// </summary>
public sealed class VapidAuthorization(VapidKeys keys, IOptions<VapidOptions> options, TimeProvider time)
{
    /// <summary>RFC 8292 §2: no more than 24 hours; 12 leaves room for clock skew at the push service.</summary>
    public static readonly TimeSpan TokenLifetime = TimeSpan.FromHours(12);
    public static readonly TimeSpan RenewBeforeExpiry = TimeSpan.FromHours(1);

    private static readonly string EncodedHeader = Base64UrlBytes.Encode("""{"typ":"JWT","alg":"ES256"}"""u8);

    private readonly ConcurrentDictionary<string, (string Header, DateTimeOffset ExpiresAt)> headersByAudience = new();

    public string HeaderValueFor(Uri endpoint)
    {
        var audience = AudienceOf(endpoint);
        var now = time.GetUtcNow();
        if (headersByAudience.TryGetValue(audience, out var cached) && now < cached.ExpiresAt - RenewBeforeExpiry)
        {
            return cached.Header;
        }
        var expiresAt = now + TokenLifetime;
        var header = $"vapid t={CreateToken(audience, options.Value.Subject, expiresAt)}, k={keys.PublicKeyBase64Url}";
        headersByAudience[audience] = (header, expiresAt);
        return header;
    }

    /// <summary>Scheme, host and any non-default port: the origin of the push resource.</summary>
    public static string AudienceOf(Uri endpoint) => endpoint.GetLeftPart(UriPartial.Authority);

    private string CreateToken(string audience, string subject, DateTimeOffset expiresAt)
    {
        var claims = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["aud"] = audience,
            ["exp"] = expiresAt.ToUnixTimeSeconds(),
            ["sub"] = subject,
        });
        var signingInput = $"{EncodedHeader}.{Base64UrlBytes.Encode(claims)}";
        return $"{signingInput}.{Base64UrlBytes.Encode(keys.Sign(Encoding.ASCII.GetBytes(signingInput)))}";
    }
}
