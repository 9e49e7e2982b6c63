namespace AgentLocator.Api.Signatures;

/// <summary>A drawn or typed signature as the signing page sends it: a PNG in base64 or a data URL.</summary>
internal static class SignaturePng
{
    /// <summary>The PNG's bytes; null when the value is missing, not base64, not a PNG, or larger than a signature may be.</summary>
    public static byte[]? Decode(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }
        var comma = value.StartsWith("data:", StringComparison.Ordinal) ? value.IndexOf(',') : -1;
        var base64 = comma >= 0 ? value[(comma + 1)..] : value;
        if (base64.Length > SignerSession.MaxSignatureBytes * 4 / 3 + 4)
        {
            return null;
        }
        try
        {
            var bytes = Convert.FromBase64String(base64);
            return bytes.Length > 8 && bytes[0] == 0x89 && bytes[1] == 'P' && bytes[2] == 'N' && bytes[3] == 'G' ? bytes : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
