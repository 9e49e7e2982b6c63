using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Text;
using System.Text.RegularExpressions;

namespace AgentLocator.Api.Integrations.PdfSigning;

/// <summary>What the last signature of a PDF says: whether it is intact and whether it covers the whole file.</summary>
public sealed record PdfSignatureState(bool Present, bool Valid, bool CoversWholeFile, string? SignerSubject, DateTimeOffset? SignedAt);

/// <summary>
/// Checks a PDF's last PKCS#7 detached signature in-process, as a reader does: the bytes its /ByteRange names are
/// hashed and checked against the CMS in /Contents (signature only: a self-signed certificate is not trusted anywhere,
/// but the key in it still proves the bytes unchanged). "Whole file" means the ranges reach the end, so nothing was
/// appended after signing.
/// </summary>
public static partial class PdfSignatureCheck
{
    [GeneratedRegex(@"/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]")]
    private static partial Regex ByteRange();

    public static PdfSignatureState Check(byte[] pdf)
    {
        // Latin-1 keeps one char per byte, so match offsets are byte offsets.
        var text = Encoding.Latin1.GetString(pdf);
        var matches = ByteRange().Matches(text);
        if (matches.Count == 0)
        {
            return new PdfSignatureState(false, false, false, null, null);
        }
        var range = matches[^1].Groups;
        long a = long.Parse(range[1].Value), b = long.Parse(range[2].Value), c = long.Parse(range[3].Value), d = long.Parse(range[4].Value);
        if (a != 0 || b <= 0 || c <= b || c + d > pdf.Length || pdf[b] != '<' || pdf[c - 1] != '>')
        {
            return new PdfSignatureState(true, false, false, null, null);
        }
        var signed = new byte[b + d];
        Array.Copy(pdf, 0, signed, 0, b);
        Array.Copy(pdf, c, signed, b, d);
        try
        {
            var hex = text[(int)(b + 1)..(int)(c - 1)].TrimEnd('0');
            if (hex.Length % 2 == 1)
            {
                hex += "0";
            }
            var cms = new SignedCms(new ContentInfo(signed), detached: true);
            cms.Decode(Convert.FromHexString(hex));
            cms.CheckSignature(verifySignatureOnly: true);
            var signer = cms.SignerInfos[0];
            var signedAt = signer.SignedAttributes.OfType<CryptographicAttributeObject>()
                .Where(attribute => attribute.Oid.Value == "1.2.840.113549.1.9.5")
                .SelectMany(attribute => attribute.Values.OfType<AsnEncodedData>())
                .Select(value => (DateTimeOffset?)new DateTimeOffset(new Pkcs9SigningTime(value.RawData).SigningTime.ToUniversalTime()))
                .FirstOrDefault();
            return new PdfSignatureState(true, true, c + d == pdf.Length, signer.Certificate?.Subject, signedAt);
        }
        catch (Exception failure) when (failure is CryptographicException or FormatException)
        {
            return new PdfSignatureState(true, false, false, null, null);
        }
    }
}
