using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using AgentLocator.Api.Integrations.WebPush;

namespace AgentLocator.Api.Tests.Notifications;

/// <summary>
/// What a browser does with a push body (RFC 8291 with one RFC 8188 aes128gcm record), written here independently of
/// Lib.Net.Http.WebPush so the tests check the library's output rather than trust it. Throws
/// <see cref="CryptographicException"/> on any tampering, a wrong key or secret, or more than one record.
/// </summary>
public static class BrowserPushDecryption
{
    private const int SaltLength = 16;
    private const int AuthSecretLength = 16;
    private const int TagLength = 16;
    private const int HeaderLength = SaltLength + 4 + 1 + P256Point.Length;
    private const byte LastRecordDelimiter = 0x02;

    private static readonly byte[] KeyInfoPrefix = Encoding.ASCII.GetBytes("WebPush: info\0");
    private static readonly byte[] ContentKeyInfo = Encoding.ASCII.GetBytes("Content-Encoding: aes128gcm\0");
    private static readonly byte[] NonceInfo = Encoding.ASCII.GetBytes("Content-Encoding: nonce\0");

    public static byte[] Decrypt(ReadOnlySpan<byte> body, ECDiffieHellman userAgentKey, ReadOnlySpan<byte> authSecret)
    {
        if (authSecret.Length != AuthSecretLength)
        {
            throw new ArgumentException($"The auth secret must be {AuthSecretLength} bytes.", nameof(authSecret));
        }
        if (body.Length < HeaderLength + TagLength + 1 || body[SaltLength + 4] != P256Point.Length)
        {
            throw new CryptographicException("The body does not start with an aes128gcm header carrying a P-256 key.");
        }
        var recordSize = BinaryPrimitives.ReadUInt32BigEndian(body[SaltLength..(SaltLength + 4)]);
        var record = body[HeaderLength..];
        if (record.Length > recordSize)
        {
            throw new CryptographicException("Only single-record messages are supported.");
        }
        var salt = body[..SaltLength];
        var senderPublicKey = body[(SaltLength + 5)..HeaderLength];

        using var senderKey = TestKeys.ImportPublicKey(senderPublicKey);
        var userAgentPublicKey = TestKeys.ExportPublicKey(userAgentKey);
        var sharedSecret = userAgentKey.DeriveRawSecretAgreement(senderKey.PublicKey);

        // RFC 8291 §3.3–3.4: the auth secret binds the agreement to this subscription, then RFC 8188 keys the record from the salt.
        byte[] keyInfo = [.. KeyInfoPrefix, .. userAgentPublicKey, .. senderPublicKey];
        var inputKeyMaterial = HKDF.DeriveKey(HashAlgorithmName.SHA256, sharedSecret, 32, authSecret.ToArray(), keyInfo);
        var pseudoRandomKey = HKDF.Extract(HashAlgorithmName.SHA256, inputKeyMaterial, salt.ToArray());
        var contentKey = HKDF.Expand(HashAlgorithmName.SHA256, pseudoRandomKey, 16, ContentKeyInfo);
        var nonce = HKDF.Expand(HashAlgorithmName.SHA256, pseudoRandomKey, 12, NonceInfo);

        var padded = new byte[record.Length - TagLength];
        using var aes = new AesGcm(contentKey, TagLength);
        aes.Decrypt(nonce, record[..^TagLength], record[^TagLength..], padded);

        var end = Array.FindLastIndex(padded, b => b != 0);
        if (end < 0 || padded[end] != LastRecordDelimiter)
        {
            throw new CryptographicException("The record does not end with the last-record delimiter.");
        }
        return padded[..end];
    }
}

/// <summary>Raw P-256 keys as Web Push carries them (65-byte points, 32-byte scalars), for the browser side of tests.</summary>
public static class TestKeys
{
    public static ECParameters PublicKeyParameters(ReadOnlySpan<byte> point)
    {
        if (!P256Point.IsValid(point))
        {
            throw new CryptographicException("Not an uncompressed P-256 point.");
        }
        return new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = point[1..33].ToArray(), Y = point[33..].ToArray() },
        };
    }

    public static ECDiffieHellman ImportPublicKey(ReadOnlySpan<byte> point) => ECDiffieHellman.Create(PublicKeyParameters(point));

    public static ECDiffieHellman ImportPrivateKey(ReadOnlySpan<byte> scalar) =>
        ECDiffieHellman.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, D = scalar.ToArray() });

    public static byte[] ExportPublicKey(ECAlgorithm key) => P256Point.Encode(key.ExportParameters(includePrivateParameters: false).Q);
}
