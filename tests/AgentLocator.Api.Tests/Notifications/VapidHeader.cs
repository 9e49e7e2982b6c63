using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AgentLocator.Api.Integrations.WebPush;

namespace AgentLocator.Api.Tests.Notifications;

/// <summary>An <c>Authorization: vapid t=…, k=…</c> header checked the way a push service checks it (RFC 8292 §3–4).</summary>
public sealed record VapidHeader(string Token, byte[] PublicKey, JsonElement Header, JsonElement Claims)
{
    public string Audience => Claims.GetProperty("aud").GetString()!;
    public DateTimeOffset ExpiresAt => DateTimeOffset.FromUnixTimeSeconds(Claims.GetProperty("exp").GetInt64());
    public string Subject => Claims.GetProperty("sub").GetString()!;

    /// <summary>Null and a reason when the header is malformed or its signature does not verify with its own <c>k</c>.</summary>
    public static (VapidHeader? Header, string? Error) Verify(string? authorization)
    {
        const string scheme = "vapid ";
        if (authorization is null || !authorization.StartsWith(scheme, StringComparison.Ordinal))
        {
            return (null, "no vapid Authorization header");
        }
        var parameters = authorization[scheme.Length..].Split(',', StringSplitOptions.TrimEntries)
            .Select(part => part.Split('=', 2)).Where(pair => pair.Length == 2)
            .ToDictionary(pair => pair[0], pair => pair[1]);
        if (!parameters.TryGetValue("t", out var token) || !parameters.TryGetValue("k", out var key)
            || !Base64UrlBytes.TryDecode(key, out var publicKey) || !P256Point.IsValid(publicKey))
        {
            return (null, "vapid header lacks t or a valid k");
        }
        var parts = token.Split('.');
        if (parts.Length != 3 || !Base64UrlBytes.TryDecode(parts[2], out var signature) || signature.Length != 64)
        {
            return (null, "the token is not a JWS with a 64-byte (P1363) signature");
        }
        using var verifier = ECDsa.Create(TestKeys.PublicKeyParameters(publicKey));
        var signed = verifier.VerifyData(Encoding.ASCII.GetBytes($"{parts[0]}.{parts[1]}"), signature,
            HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        if (!signed)
        {
            return (null, "the token's signature does not verify with k");
        }
        var header = JsonDocument.Parse(Base64UrlBytes.Decode(parts[0], "header")).RootElement.Clone();
        var claims = JsonDocument.Parse(Base64UrlBytes.Decode(parts[1], "claims")).RootElement.Clone();
        return (new VapidHeader(token, publicKey, header, claims), null);
    }
}
