using System.Security.Cryptography;
using Lib.Net.Http.WebPush.Authentication;

namespace AgentLocator.Api.Integrations.WebPush;

/// <summary>
/// The application server's VAPID key pair, loaded and proven to be a pair at start-up. Lib.Net.Http.WebPush signs the
/// JWT a push service checks against the key the browser subscribed with (<see cref="CreateAuthentication"/>).
/// </summary>
public sealed class VapidKeys : IDisposable
{
    private readonly ECDsa signingKey;

    private const int PrivateKeyLength = 32;

    private VapidKeys(ECDsa signingKey)
    {
        this.signingKey = signingKey;
        PublicKey = P256Point.Encode(signingKey.ExportParameters(includePrivateParameters: false).Q);
        PublicKeyBase64Url = Base64UrlBytes.Encode(PublicKey);
    }

    public byte[] PublicKey { get; }

    public string PublicKeyBase64Url { get; }

    /// <summary>For persisting a generated development pair, and for handing the pair to the Web Push library.</summary>
    internal string ExportPrivateKeyBase64Url() => Base64UrlBytes.Encode(signingKey.ExportParameters(includePrivateParameters: true).D);

    public static VapidKeys Generate() => new(ECDsa.Create(ECCurve.NamedCurves.nistP256));

    /// <summary>
    /// Reads a configured pair and proves it is one: the public key is derived from the private scalar and must match,
    /// because a mismatch would only show later as every push service rejecting every message.
    /// </summary>
    public static VapidKeys FromBase64Url(string publicKey, string privateKey)
    {
        if (!Base64UrlBytes.TryDecode(privateKey, out var scalar) || scalar.Length != PrivateKeyLength)
        {
            throw new InvalidVapidSettingsException("VAPID_PRIVATE_KEY (Vapid:PrivateKey) must be the base64url of a 32-byte P-256 private key.");
        }
        if (!Base64UrlBytes.TryDecode(publicKey, out var point) || !P256Point.IsValid(point))
        {
            throw new InvalidVapidSettingsException("VAPID_PUBLIC_KEY (Vapid:PublicKey) must be the base64url of a 65-byte uncompressed P-256 point.");
        }
        ECDsa signingKey;
        try
        {
            signingKey = ECDsa.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, D = scalar });
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

    /// <summary>
    /// The library's signer for this pair. It holds its own copy of the key and is not documented as safe for concurrent
    /// signing, so each send takes its own and disposes it; the token cache makes actual signing rare.
    /// </summary>
    public VapidAuthentication CreateAuthentication(string subject, IVapidTokenCache tokenCache) =>
        new(PublicKeyBase64Url, ExportPrivateKeyBase64Url())
        {
            Subject = subject,
            Expiration = (int)VapidTokenCache.TokenLifetime.TotalSeconds,
            TokenCache = tokenCache,
        };

    public void Dispose() => signingKey.Dispose();
}

public sealed class InvalidVapidSettingsException(string message) : Exception(message);
