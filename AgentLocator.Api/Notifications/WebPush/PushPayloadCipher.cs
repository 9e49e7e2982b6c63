using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace AgentLocator.Api.Notifications.WebPush;

/// <summary>
/// RFC 8291 message encryption for Web Push: an ECDH agreement with the browser's key, mixed with its auth secret,
/// keys one aes128gcm record (RFC 8188) whose header carries the salt and our ephemeral public key.
/// We always send a single record, which is all a push message can hold anyway.
/// </summary>
public static class PushPayloadCipher
{
    public const int SaltLength = 16;
    public const int AuthSecretLength = 16;
    public const int RecordSize = 4096;
    private const int TagLength = 16;
    private const int HeaderLength = SaltLength + 4 + 1 + P256.PublicKeyLength;
    private const byte LastRecordDelimiter = 0x02;

    /// <summary>Push services must accept 4096-byte bodies (RFC 8030 §7.2); this is what fits in one after header, delimiter and tag.</summary>
    public const int MaxPlaintextLength = RecordSize - HeaderLength - TagLength - 1;

    private static readonly byte[] KeyInfoPrefix = Encoding.ASCII.GetBytes("WebPush: info\0");
    private static readonly byte[] ContentKeyInfo = Encoding.ASCII.GetBytes("Content-Encoding: aes128gcm\0");
    private static readonly byte[] NonceInfo = Encoding.ASCII.GetBytes("Content-Encoding: nonce\0");

    /// <summary>Encrypts with a fresh ephemeral key and salt, as every real message must be.</summary>
    public static byte[] Encrypt(ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> userAgentPublicKey, ReadOnlySpan<byte> authSecret)
    {
        using var ephemeralKey = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        Span<byte> salt = stackalloc byte[SaltLength];
        RandomNumberGenerator.Fill(salt);
        return Encrypt(plaintext, userAgentPublicKey, authSecret, ephemeralKey, salt);
    }

    /// <summary>Encrypts with a given sender key and salt: reusing either across messages breaks the scheme, so only tests pin them.</summary>
    public static byte[] Encrypt(
        ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> userAgentPublicKey, ReadOnlySpan<byte> authSecret,
        ECDiffieHellman senderKey, ReadOnlySpan<byte> salt)
    {
        if (plaintext.Length > MaxPlaintextLength)
        {
            throw new ArgumentException($"A push payload can be at most {MaxPlaintextLength} bytes.", nameof(plaintext));
        }
        RequireLength(authSecret, AuthSecretLength, "The auth secret");
        RequireLength(salt, SaltLength, "The salt");

        var senderPublicKey = P256.ExportPublicKey(senderKey);
        using var userAgentKey = P256.ImportPublicKey(userAgentPublicKey);
        var (contentKey, nonce) = DeriveContentKeyAndNonce(
            senderKey.DeriveRawSecretAgreement(userAgentKey.PublicKey), authSecret, salt, userAgentPublicKey, senderPublicKey);

        var body = new byte[HeaderLength + plaintext.Length + 1 + TagLength];
        salt.CopyTo(body);
        BinaryPrimitives.WriteUInt32BigEndian(body.AsSpan(SaltLength, 4), RecordSize);
        body[SaltLength + 4] = P256.PublicKeyLength;
        senderPublicKey.CopyTo(body.AsSpan(SaltLength + 5));

        var record = new byte[plaintext.Length + 1];
        plaintext.CopyTo(record);
        record[^1] = LastRecordDelimiter;
        using var aes = new AesGcm(contentKey, TagLength);
        aes.Encrypt(nonce, record, body.AsSpan(HeaderLength, record.Length), body.AsSpan(HeaderLength + record.Length, TagLength));
        return body;
    }

    /// <summary>What the browser does on receipt; used by tests and the fake push service. Throws <see cref="CryptographicException"/> on any tampering.</summary>
    public static byte[] Decrypt(ReadOnlySpan<byte> body, ECDiffieHellman userAgentKey, ReadOnlySpan<byte> authSecret)
    {
        RequireLength(authSecret, AuthSecretLength, "The auth secret");
        if (body.Length < HeaderLength + TagLength + 1 || body[SaltLength + 4] != P256.PublicKeyLength)
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

        using var senderKey = P256.ImportPublicKey(senderPublicKey);
        var userAgentPublicKey = P256.ExportPublicKey(userAgentKey);
        var (contentKey, nonce) = DeriveContentKeyAndNonce(
            userAgentKey.DeriveRawSecretAgreement(senderKey.PublicKey), authSecret, salt, userAgentPublicKey, senderPublicKey);

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

    private static (byte[] ContentKey, byte[] Nonce) DeriveContentKeyAndNonce(
        byte[] sharedSecret, ReadOnlySpan<byte> authSecret, ReadOnlySpan<byte> salt,
        ReadOnlySpan<byte> userAgentPublicKey, ReadOnlySpan<byte> senderPublicKey)
    {
        // RFC 8291 §3.3–3.4: the auth secret binds the agreement to this subscription, then RFC 8188 keys the record from the salt.
        var keyInfo = new byte[KeyInfoPrefix.Length + userAgentPublicKey.Length + senderPublicKey.Length];
        KeyInfoPrefix.CopyTo(keyInfo, 0);
        userAgentPublicKey.CopyTo(keyInfo.AsSpan(KeyInfoPrefix.Length));
        senderPublicKey.CopyTo(keyInfo.AsSpan(KeyInfoPrefix.Length + userAgentPublicKey.Length));

        var inputKeyMaterial = HKDF.DeriveKey(HashAlgorithmName.SHA256, sharedSecret, 32, authSecret.ToArray(), keyInfo);
        var pseudoRandomKey = HKDF.Extract(HashAlgorithmName.SHA256, inputKeyMaterial, salt.ToArray());
        return (HKDF.Expand(HashAlgorithmName.SHA256, pseudoRandomKey, 16, ContentKeyInfo),
                HKDF.Expand(HashAlgorithmName.SHA256, pseudoRandomKey, 12, NonceInfo));
    }

    private static void RequireLength(ReadOnlySpan<byte> value, int length, string what)
    {
        if (value.Length != length)
        {
            throw new ArgumentException($"{what} must be {length} bytes.");
        }
    }
}
