using System.Globalization;
using PdfSharp.Pdf;

namespace AgentLocator.Api.Integrations.PdfSigning;

/// <summary>
/// Keeps a page's boxes exactly as the original wrote them. PDFsharp writes real numbers rounded to a few decimals, so
/// Chromium's <c>/MediaBox [0 0 595.91998 841.91998]</c> came back as <c>841.92</c>; the content stream still places
/// everything from <c>841.91998</c>, and that 0.00002 pt moved the rasterised page by a whole pixel row in poppler at
/// some resolutions (the signed page then no longer matched the page as sent). Written as a literal, the box text keeps
/// every digit the parsed number has.
/// </summary>
public static class PdfPageBoxes
{
    /// <summary>Plain decimals, never an exponent (PDF has none); ten places give back what a PDF writer printed.</summary>
    private const string Digits = "0.##########";

    private static readonly string[] Keys = ["/MediaBox", "/CropBox", "/BleedBox", "/TrimBox", "/ArtBox"];

    /// <summary>Call after the last PDFsharp drawing on <paramref name="page"/> (drawing reads the box as a rectangle).</summary>
    public static void KeepExact(PdfPage page)
    {
        foreach (var key in Keys)
        {
            // Reading page.Width turns the array into a PdfRectangle in place; both keep the parsed doubles.
            double[]? corners = page.Elements[key] switch
            {
                PdfRectangle rectangle => [rectangle.X1, rectangle.Y1, rectangle.X2, rectangle.Y2],
                PdfArray { Elements.Count: 4 } array when array.Elements.All(item => item is PdfNumber) => [.. array.Elements.Select(Number)],
                _ => null,
            };
            if (corners is not null)
            {
                var text = string.Join(' ', corners.Select(value => value.ToString(Digits, CultureInfo.InvariantCulture)));
                page.Elements[key] = new PdfLiteral($"[{text}]");
            }
        }
    }

    private static double Number(PdfItem item) => item switch
    {
        PdfReal real => real.Value,
        PdfInteger integer => integer.Value,
        PdfLongInteger integer => integer.Value,
        _ => throw new ArgumentException("Not a number", nameof(item)),
    };
}
