using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using AgentLocator.Api.Integrations.Pdf;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using PdfSharp.Pdf.IO;
using PdfSharp.Pdf.Signatures;

namespace AgentLocator.Api.Integrations.PdfSigning;

/// <summary>One signer as the completion certificate names them.</summary>
public sealed record CertificateSigner(
    string Name, string Phone, string Role, DateTimeOffset SignedAt, string? IpAddress, string? UserAgent, bool CodeVerified,
    byte[] SignaturePng, string? TypedSignature);

/// <summary>What a finished document is made from: the PDF as sent, who signed it, and whose certificate seals it.</summary>
public sealed record SignedPdfInput(byte[] OriginalPdf, string Title, string BusinessName, IReadOnlyList<CertificateSigner> Signers,
    DateTimeOffset CompletedAt);

/// <summary>
/// Makes the signed copy of a document: the signers' stamps drawn onto its last page, a Hebrew completion certificate
/// appended (both printed by the Chromium renderer, which shapes Hebrew; PDFsharp lays pages but does no bidi), and then
/// a PKCS#7 detached signature over the whole file with the business's certificate, so any later change is detectable.
/// </summary>
public sealed class SignedPdfBuilder(IPdfRenderer renderer)
{
    public async Task<byte[]> BuildAsync(SignedPdfInput input, X509Certificate2 certificate, CancellationToken cancellationToken)
    {
        var originalHash = Convert.ToHexStringLower(SHA256.HashData(input.OriginalPdf));
        var layers = await renderer.RenderAsync(CompletionHtml.Document(input, originalHash, certificate),
            new PdfPageOptions(MarginMillimetres: 0, PageNumbers: false, TransparentBackground: true), cancellationToken);
        return Compose(input.OriginalPdf, layers, certificate, input.BusinessName, input.Signers.Count);
    }

    /// <summary>Stamps per row at the page's foot (each at most 42 mm wide), and the height of a row with its gap.</summary>
    private const int StampsPerRow = 4;
    private const double StampRowMillimetres = 25;
    private const double StampBottomMillimetres = 6;

    /// <summary>
    /// <paramref name="layers"/>' first page is the stamp layer (transparent but for the stamp at its foot), the rest the
    /// certificate. The stamp is drawn over the original's last page, scaled to its width; the certificate pages are appended.
    /// </summary>
    private static byte[] Compose(byte[] original, byte[] layers, X509Certificate2 certificate, string businessName, int signers)
    {
        using var originalStream = new MemoryStream(original);
        using var document = PdfReader.Open(originalStream, PdfDocumentOpenMode.Modify);
        using (var stampStream = new MemoryStream(layers))
        using (var stamp = XPdfForm.FromStream(stampStream))
        {
            stamp.PageNumber = 1;
            var last = document.Pages[document.PageCount - 1];
            using var graphics = XGraphics.FromPdfPage(last, XGraphicsPdfPageOptions.Append);
            var width = last.Width.Point;
            var scale = width / stamp.PointWidth;
            var height = stamp.PointHeight * scale;
            // Only the strip the stamps occupy is drawn: Chromium may paint the rest of the layer white, which would hide
            // the page under it.
            var rows = (signers + StampsPerRow - 1) / StampsPerRow;
            var strip = XUnit.FromMillimeter(StampBottomMillimetres + rows * StampRowMillimetres).Point * scale;
            graphics.IntersectClip(new XRect(0, last.Height.Point - strip, width, strip));
            graphics.DrawImage(stamp, 0, last.Height.Point - height, width, height);
        }
        using (var certificateStream = new MemoryStream(layers))
        using (var pages = PdfReader.Open(certificateStream, PdfDocumentOpenMode.Import))
        {
            for (var index = 1; index < pages.PageCount; index++)
            {
                document.AddPage(pages.Pages[index]);
            }
        }
        // After the last drawing and before the signature: the boxes as Chromium wrote them, to the last digit.
        for (var index = 0; index < document.PageCount; index++)
        {
            PdfPageBoxes.KeepExact(document.Pages[index]);
        }
        document.Info.Title = "Signed document";
        document.Info.Creator = "AgentLocator";
        DigitalSignatureHandler.ForDocument(document, new PdfSharpDefaultSigner(certificate, PdfMessageDigestType.SHA256, null),
            new DigitalSignatureOptions
            {
                Reason = "Electronic signatures of all signers; the completion certificate is the last page",
                Location = "AgentLocator",
                ContactInfo = Ascii(businessName),
                AppName = "AgentLocator",
            });
        using var output = new MemoryStream();
        document.Save(output, false);
        return output.ToArray();
    }

    // PDF text strings in the signature dictionary are PDFDocEncoding here; a Hebrew name would be mangled, so it is
    // left out (the certificate page names the business in Hebrew).
    private static string Ascii(string text) => new([.. text.Where(c => c is >= ' ' and <= '~')]);
}
