using System.Buffers.Text;

namespace AgentLocator.Api.Integrations.WebPush;

/// <summary>
/// Web Push keys travel as unpadded base64url, but some clients pad them or use the standard alphabet;
/// accepting both costs nothing and spares a confusing 400.
/// </summary>
public static class Base64UrlBytes
{
    public static string Encode(ReadOnlySpan<byte> bytes) => Base64Url.EncodeToString(bytes);

    public static bool TryDecode(string? text, out byte[] bytes)
    {
        bytes = [];
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }
        var normalized = text.Trim().TrimEnd('=').Replace('+', '-').Replace('/', '_');
        try
        {
            bytes = Base64Url.DecodeFromChars(normalized);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    public static byte[] Decode(string text, string what) =>
        TryDecode(text, out var bytes) ? bytes : throw new FormatException($"{what} is not valid base64url.");
}
