using System.Security.Cryptography;

namespace AgentLocator.Api.Notifications.WebPush;

/// <summary>The application server's VAPID key pair: signs the JWT a push service checks against the key the browser subscribed with.</summary>
public sealed class VapidKeys : IDisposable
{
    private readonly ECDsa signingKey;

    private VapidKeys(ECDsa signingKey)
    {
        this.signingKey = signingKey;
        PublicKey = P256.ExportPublicKey(signingKey);
        PublicKeyBase64Url = Base64UrlBytes.Encode(PublicKey);
    }

    public byte[] PublicKey { get; }

    public string PublicKeyBase64Url { get; }

    /// <summary>For persisting a generated development pair only.</summary>
    internal string ExportPrivateKeyBase64Url() => Base64UrlBytes.Encode(P256.ExportPrivateKey(signingKey));

    public static VapidKeys Generate() => new(ECDsa.Create(ECCurve.NamedCurves.nistP256));

    /// <summary>
    /// Reads a configured pair and proves it is one: the public key is derived from the private scalar and must match,
    /// because a mismatch would only show later as every push service rejecting every message.
    /// </summary>
    public static VapidKeys FromBase64Url(string publicKey, string privateKey)
    {
        if (!Base64UrlBytes.TryDecode(privateKey, out var scalar) || scalar.Length != P256.PrivateKeyLength)
        {
            throw new InvalidVapidSettingsException("VAPID_PRIVATE_KEY (Vapid:PrivateKey) must be the base64url of a 32-byte P-256 private key.");
        }
        if (!Base64UrlBytes.TryDecode(publicKey, out var point) || !P256.IsValidPublicKey(point))
        {
            throw new InvalidVapidSettingsException("VAPID_PUBLIC_KEY (Vapid:PublicKey) must be the base64url of a 65-byte uncompressed P-256 point.");
        }
        ECDsa signingKey;
        try
        {
            signingKey = ECDsa.Create(P256.PrivateKeyParameters(scalar));
        }
        catch (CryptographicException)
        {
            throw new InvalidVapidSettingsException("VAPID_PRIVATE_KEY (Vapid:PrivateKey) is not a valid P-256 private key.");
        }
        var keys = new VapidKeys(signingKey);
        if (!CryptographicOperations.FixedTimeEquals(keys.PublicKey, point))
        {
            keys.Dispose();
            throw new InvalidVapidSettingsException(
                "VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY are not a key pair: the public key derived from the private key differs.");
        }
        return keys;
    }

    /// <summary>ES256 as JWS wants it: SHA-256, signature as r||s (IEEE P1363, 64 bytes), which is .NET's default format.</summary>
    public byte[] Sign(ReadOnlySpan<byte> data) =>
        signingKey.SignData(data, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);

    public void Dispose() => signingKey.Dispose();
}

public sealed class InvalidVapidSettingsException(string message) : Exception(message);
