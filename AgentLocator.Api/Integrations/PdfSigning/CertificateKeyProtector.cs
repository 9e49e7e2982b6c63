using System.Security.Cryptography;
using System.Text;

namespace AgentLocator.Api.Integrations.PdfSigning;

/// <summary>
/// Encrypts a business's signing key (PKCS#8) for storage: AES-256-GCM under <c>Signatures:KeyEncryptionKey</c> (base64,
/// 32 bytes) when set, else a key derived (HKDF-SHA256) from the JWT secret, which every deployment already keeps secret.
/// The business id is bound in as associated data, so one business's row cannot be copied onto another's. Nothing here
/// is logged.
/// </summary>
public sealed class CertificateKeyProtector
{
    private const int NonceBytes = 12;
    private const int TagBytes = 16;
    private readonly byte[] key;

    public CertificateKeyProtector(IConfiguration configuration)
    {
        if (configuration["Signatures:KeyEncryptionKey"] is { Length: > 0 } configured)
        {
            key = Convert.FromBase64String(configured);
            if (key.Length != 32)
            {
                throw new InvalidOperationException("Signatures:KeyEncryptionKey must be 32 bytes, base64-encoded.");
            }
        }
        else
        {
            var secret = configuration["Auth:JwtSecret"] is { Length: > 0 } jwt ? jwt
                : throw new InvalidOperationException("Set Signatures:KeyEncryptionKey or Auth:JwtSecret to protect signing keys.");
            key = HKDF.DeriveKey(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(secret), 32,
                info: Encoding.UTF8.GetBytes("agentlocator signing certificate keys v1"));
        }
    }

    public byte[] Protect(Guid businessId, byte[] plaintext)
    {
        var output = new byte[NonceBytes + TagBytes + plaintext.Length];
        var nonce = output.AsSpan(0, NonceBytes);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, TagBytes);
        aes.Encrypt(nonce, plaintext, output.AsSpan(NonceBytes + TagBytes), output.AsSpan(NonceBytes, TagBytes), businessId.ToByteArray());
        return output;
    }

    /// <exception cref="CryptographicException">Tampered, or sealed with another key.</exception>
    public byte[] Unprotect(Guid businessId, byte[] sealedKey)
    {
        if (sealedKey.Length < NonceBytes + TagBytes)
        {
            throw new CryptographicException("The stored signing key is truncated.");
        }
        var plaintext = new byte[sealedKey.Length - NonceBytes - TagBytes];
        using var aes = new AesGcm(key, TagBytes);
        aes.Decrypt(sealedKey.AsSpan(0, NonceBytes), sealedKey.AsSpan(NonceBytes + TagBytes), sealedKey.AsSpan(NonceBytes, TagBytes), plaintext,
            businessId.ToByteArray());
        return plaintext;
    }
}
