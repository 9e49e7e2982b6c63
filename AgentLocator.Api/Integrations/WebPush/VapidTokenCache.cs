using System.Collections.Concurrent;
using Lib.Net.Http.WebPush.Authentication;

namespace AgentLocator.Api.Integrations.WebPush;

/// <summary>
/// VAPID tokens per audience (a push service's origin), reused until an hour before they expire so signing is rare and a
/// token never reaches a push service about to lapse. Without a cache the library signs a new token for every request.
/// </summary>
public sealed class VapidTokenCache(TimeProvider time) : IVapidTokenCache
{
    /// <summary>RFC 8292 §2: no more than 24 hours; 12 leaves room for clock skew at the push service.</summary>
    public static readonly TimeSpan TokenLifetime = TimeSpan.FromHours(12);
    public static readonly TimeSpan RenewBeforeExpiry = TimeSpan.FromHours(1);

    private readonly ConcurrentDictionary<string, (string Token, DateTimeOffset ExpiresAt)> tokensByAudience = new();

    public void Put(string audience, DateTimeOffset expiration, string token) => tokensByAudience[audience] = (token, expiration);

    public string? Get(string audience) =>
        tokensByAudience.TryGetValue(audience, out var cached) && time.GetUtcNow() < cached.ExpiresAt - RenewBeforeExpiry
            ? cached.Token
            : null;
}
