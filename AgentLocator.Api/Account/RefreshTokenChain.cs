using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace AgentLocator.Api.Account;

/// <summary>
/// Refresh tokens of one session form a chain: the first is random, each next one is an HMAC of the one before
/// under a server key. The database keeps only hashes, yet a browser that repeats the previous token (its answer
/// was lost to a reload, or another tab won the race) can be handed the session's current token again: the server
/// recomputes it from the token presented and checks it against the stored hash. Without the key, a copy of an old
/// token says nothing about the next one, so reuse detection still works.
/// </summary>
public sealed class RefreshTokenChain(byte[] key)
{
    private static readonly byte[] KeyLabel = Encoding.UTF8.GetBytes("agentlocator refresh-token chain v1");

    /// <summary>A chain key derived from the signing secret, so no further secret has to be configured.</summary>
    public static RefreshTokenChain FromSecret(string secret) =>
        new(HKDF.DeriveKey(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(secret), 32, salt: [], info: KeyLabel));

    public static string NewFirstToken() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    public string Next(string token) => Base64Url.EncodeToString(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(token)));

    public static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));
}
