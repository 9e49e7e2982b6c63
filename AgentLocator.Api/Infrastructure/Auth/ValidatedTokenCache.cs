using System.Collections.Concurrent;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace AgentLocator.Api.Infrastructure.Auth;

/// <summary>
/// The bearer handler's token validator, remembering each access token it has found valid until that token expires.
/// A browser sends the same token on every request for its whole lifetime; parsing it, checking its HMAC and building
/// its claims again each time was a sixth of a warm <c>/api/me</c>'s CPU (bench/RESULTS.md, "mefast").
/// Only what the validator itself decides is remembered: a token that failed is validated afresh every time, and the
/// session check (<c>OnTokenValidated</c>, <see cref="Accounts.ActiveSessionCheck"/>) still runs on every request, so
/// a signed-out or disabled user is refused on the next request as before. A remembered token is answered only while
/// the clock is before its own expiry (stricter than the validator, which allows the clock skew); after that it is
/// validated again, which refuses it. The key and validation parameters are fixed for the process, so a token that was
/// valid stays valid until it expires.
/// </summary>
public sealed class ValidatedTokenCache(TokenHandler validator, TimeProvider clock) : TokenHandler
{
    /// <summary>Bounds memory: past this many live tokens the cache starts over (every token is then validated once more).</summary>
    public const int Capacity = 10_000;

    private sealed record Entry(TokenValidationResult Result, DateTime ExpiresUtc);

    private readonly ConcurrentDictionary<string, Entry> valid = new(StringComparer.Ordinal);

    public static ValidatedTokenCache ForJsonWebTokens(TimeProvider clock) =>
        new(new JsonWebTokenHandler { MapInboundClaims = false }, clock);

    public int Count => valid.Count;

    public override async Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (valid.TryGetValue(token, out var remembered))
        {
            if (now < remembered.ExpiresUtc)
            {
                return remembered.Result;
            }
            valid.TryRemove(new KeyValuePair<string, Entry>(token, remembered));
        }
        var result = await validator.ValidateTokenAsync(token, validationParameters);
        // A token without an expiry (ValidTo is MinValue) is never remembered; ours always carry one.
        if (result.IsValid && result.SecurityToken is { ValidTo: var expires } && expires > now)
        {
            if (valid.Count >= Capacity)
            {
                valid.Clear();
            }
            valid[token] = new Entry(Shareable(result), expires);
        }
        return result;
    }

    public override SecurityToken ReadToken(string token) => validator.ReadToken(token);

    /// <summary>
    /// The result handed to every later request with the same token: its identity is only read (nothing in the API adds
    /// claims or transforms them), and its claims are built here, once, before any other thread can see it.
    /// </summary>
    private static TokenValidationResult Shareable(TokenValidationResult result)
    {
        _ = result.ClaimsIdentity?.Claims.Count();
        return result;
    }
}
