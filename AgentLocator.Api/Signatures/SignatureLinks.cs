using System.Security.Cryptography;
using System.Text;
using AgentLocator.Grains.Data;
using AgentLocator.Grains.Data.Entities;

namespace AgentLocator.Api.Signatures;

/// <summary>
/// A signer's link: 128 random bits (base64url) of which only the SHA-256 is stored, so the database alone opens nothing.
/// The page is <c>/sign/{token}</c>; its API is <c>/api/public/sign/{token}</c>.
/// </summary>
public static class SignatureLinks
{
    public static string NewToken() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(16)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));

    /// <summary>Tokens are 22 characters; anything far from that is not one (and is not looked up).</summary>
    public static bool LooksLikeToken(string token) => token.Length is >= 20 and <= 64;

    public static string PageUrl(string publicBase, string token) => $"{publicBase.TrimEnd('/')}/sign/{token}";

    public static string Add(AgentLocatorDbContext db, SignatureRequest request, SignatureSigner signer, DateTimeOffset now)
    {
        var token = NewToken();
        db.SignatureLinks.Add(new SignatureLink
        {
            Id = Guid.CreateVersion7(), BusinessId = request.BusinessId, RequestId = request.Id, SignerId = signer.Id, TokenHash = Hash(token),
            CreatedAt = now, ExpiresAt = request.ExpiresAt,
        });
        return token;
    }
}
