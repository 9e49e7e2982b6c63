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
    DateTimeOffset CompletedAt, IReadOnlyList<FieldStamp>? Fields = null);

/// <summary>
/// Makes the signed copy of a document: the values of fields placed on it drawn at their rectangles, the signers' stamps
/// drawn onto its last page, a Hebrew completion certificate
/// appended (both printed by the Chromium renderer, which shapes Hebrew; PDFsharp lays pages but does no bidi), and then
/// a PKCS#7 detached signature over the whole file with the business's certificate, so any later change is detectable.
/// </summary>
public sealed class SignedPdfBuilder(IPdfRenderer renderer)
{
    public async Task<byte[]> BuildAsync(SignedPdfInput input, X509Certificate2 certificate, CancellationToken cancellationToken)
    {
        var originalHash = Convert.ToHexStringLower(SHA256.HashData(input.OriginalPdf));
        var layerOptions = new PdfPageOptions(MarginMillimetres: 0, PageNumbers: false, TransparentBackground: true);
        var layers = await renderer.RenderAsync(CompletionHtml.Document(input, originalHash, certificate), layerOptions, cancellationToken);
        var boxes = FieldBoxes(input.OriginalPdf, input.Fields ?? []);
        var fieldLayers = boxes.Count > 0 ? await renderer.RenderAsync(FieldStampHtml.Document(boxes), layerOptions, cancellationToken) : null;
        return Compose(input.OriginalPdf, layers, fieldLayers, boxes, certificate, input.BusinessName, input.Signers.Count);
    }

    /// <summary>Each value with its field's size in points on the page it is placed on; values on pages the file lacks are left out.</summary>
    private static List<(FieldStamp Stamp, double Width, double Height)> FieldBoxes(byte[] original, IReadOnlyList<FieldStamp> fields)
    {
        if (fields.Count == 0)
        {
            return [];
        }
        using var stream = new MemoryStream(original);
        using var document = PdfReader.Open(stream, PdfDocumentOpenMode.Import);
        return [.. fields.Where(field => field.Page >= 1 && field.Page <= document.PageCount).Select(field =>
        {
            var page = document.Pages[field.Page - 1];
            return (field, field.Width * page.Width.Point, field.Height * page.Height.Point);
        })];
    }

    /// <summary>
    /// Each value's box (page i of <paramref name="fieldLayers"/> holds value i at its top-left) drawn onto its field's
    /// rectangle: the layer is placed so the box lands there, unshrunk, and clipped to the rectangle.
    /// </summary>
    private static void DrawFields(PdfDocument document, byte[] fieldLayers, List<(FieldStamp Stamp, double Width, double Height)> boxes)
    {
        using var stream = new MemoryStream(fieldLayers);
        using var form = XPdfForm.FromStream(stream);
        foreach (var onPage in boxes.Select((box, index) => (box, index)).GroupBy(item => item.box.Stamp.Page))
        {
            var page = document.Pages[onPage.Key - 1];
            using var graphics = XGraphics.FromPdfPage(page, XGraphicsPdfPageOptions.Append);
            foreach (var ((stamp, width, height), index) in onPage)
            {
                form.PageNumber = index + 1;
                var scale = 1 / FieldStampHtml.Shrink(width, height);
                var (left, top) = (stamp.X * page.Width.Point, stamp.Y * page.Height.Point);
                var state = graphics.Save();
                graphics.IntersectClip(new XRect(left, top, width, height));
                graphics.DrawImage(form, left, top, form.PointWidth * scale, form.PointHeight * scale);
                graphics.Restore(state);
            }
        }
    }

    /// <summary>Stamps per row at the page's foot (each at most 42 mm wide), and the height of a row with its gap.</summary>
    private const int StampsPerRow = 4;
    private const double StampRowMillimetres = 25;
    private const double StampBottomMillimetres = 6;

    /// <summary>
    /// <paramref name="layers"/>' first page is the stamp layer (transparent but for the stamp at its foot), the rest the
    /// certificate. The stamp is drawn over the original's last page, scaled to its width; the certificate pages are appended.
    /// </summary>
    private static byte[] Compose(byte[] original, byte[] layers, byte[]? fieldLayers, List<(FieldStamp Stamp, double Width, double Height)> boxes,
        X509Certificate2 certificate, string businessName, int signers)
    {
        using var originalStream = new MemoryStream(original);
        using var document = PdfReader.Open(originalStream, PdfDocumentOpenMode.Modify);
        if (fieldLayers is not null)
        {
            DrawFields(document, fieldLayers, boxes);
        }
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
