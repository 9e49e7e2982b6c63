using System.Security.Cryptography;

namespace AgentLocator.Api.Integrations.WebPush;

/// <summary>
/// Web Push keys are raw uncompressed P-256 points (65 bytes: 0x04, X, Y). Lib.Net.Http.WebPush checks only their
/// length, so this is how a browser's <c>p256dh</c> and our VAPID public key are checked to lie on the curve before use.
/// </summary>
public static class P256Point
{
    public const int Length = 65;
    private const int CoordinateLength = 32;
    private const byte UncompressedPrefix = 0x04;

    /// <summary>True when the bytes are an uncompressed point on the curve (importing checks the curve equation).</summary>
    public static bool IsValid(ReadOnlySpan<byte> point)
    {
        if (point.Length != Length || point[0] != UncompressedPrefix)
        {
            return false;
        }
        try
        {
            using var key = ECDiffieHellman.Create(new ECParameters
            {
                Curve = ECCurve.NamedCurves.nistP256,
                Q = new ECPoint { X = point[1..(1 + CoordinateLength)].ToArray(), Y = point[(1 + CoordinateLength)..].ToArray() },
            });
            return true;
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    public static byte[] Encode(ECPoint point)
    {
        var bytes = new byte[Length];
        bytes[0] = UncompressedPrefix;
        // .NET may hand back coordinates without leading zero bytes; the wire format wants them fixed-width.
        point.X.AsSpan().CopyTo(bytes.AsSpan(1 + CoordinateLength - point.X!.Length));
        point.Y.AsSpan().CopyTo(bytes.AsSpan(Length - point.Y!.Length));
        return bytes;
    }
}
