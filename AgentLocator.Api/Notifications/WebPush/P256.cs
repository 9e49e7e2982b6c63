using System.Security.Cryptography;

namespace AgentLocator.Api.Notifications.WebPush;

/// <summary>The NIST P-256 key handling Web Push needs: raw uncompressed points (65 bytes) and raw private scalars (32 bytes).</summary>
public static class P256
{
    public const int PublicKeyLength = 65;
    public const int PrivateKeyLength = 32;
    private const int CoordinateLength = 32;
    private const byte UncompressedPointPrefix = 0x04;

    public static ECParameters PublicKeyParameters(ReadOnlySpan<byte> uncompressedPoint)
    {
        if (uncompressedPoint.Length != PublicKeyLength || uncompressedPoint[0] != UncompressedPointPrefix)
        {
            throw new CryptographicException("A P-256 public key must be a 65-byte uncompressed point starting with 0x04.");
        }
        return new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint
            {
                X = uncompressedPoint[1..(1 + CoordinateLength)].ToArray(),
                Y = uncompressedPoint[(1 + CoordinateLength)..].ToArray(),
            },
        };
    }

    /// <summary>True when the bytes are an uncompressed point on the curve (importing checks the curve equation).</summary>
    public static bool IsValidPublicKey(ReadOnlySpan<byte> uncompressedPoint)
    {
        try
        {
            using var key = ECDiffieHellman.Create(PublicKeyParameters(uncompressedPoint));
            return true;
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    public static ECDiffieHellman ImportPublicKey(ReadOnlySpan<byte> uncompressedPoint) =>
        ECDiffieHellman.Create(PublicKeyParameters(uncompressedPoint));

    /// <summary>A key agreement key from the private scalar alone; the public point is derived from it.</summary>
    public static ECDiffieHellman ImportPrivateKey(ReadOnlySpan<byte> privateScalar) =>
        ECDiffieHellman.Create(PrivateKeyParameters(privateScalar));

    public static ECParameters PrivateKeyParameters(ReadOnlySpan<byte> privateScalar)
    {
        if (privateScalar.Length != PrivateKeyLength)
        {
            throw new CryptographicException("A P-256 private key must be a 32-byte scalar.");
        }
        return new ECParameters { Curve = ECCurve.NamedCurves.nistP256, D = privateScalar.ToArray() };
    }

    public static byte[] ExportPublicKey(ECAlgorithm key) => ToUncompressedPoint(key.ExportParameters(includePrivateParameters: false).Q);

    public static byte[] ExportPrivateKey(ECAlgorithm key) => key.ExportParameters(includePrivateParameters: true).D!;

    private static byte[] ToUncompressedPoint(ECPoint point)
    {
        var bytes = new byte[PublicKeyLength];
        bytes[0] = UncompressedPointPrefix;
        point.X.AsSpan().CopyTo(bytes.AsSpan(1 + CoordinateLength - point.X!.Length));
        point.Y.AsSpan().CopyTo(bytes.AsSpan(PublicKeyLength - point.Y!.Length));
        return bytes;
    }
}
