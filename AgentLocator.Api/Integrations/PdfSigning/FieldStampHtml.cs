using System.Globalization;
using System.Net;
using System.Text;
using AgentLocator.Api.Integrations.Pdf;

namespace AgentLocator.Api.Integrations.PdfSigning;

/// <summary>
/// A value a signer filled into a field placed on the document: where (page from 1, a rectangle in fractions of the page
/// from its top-left) and what (text, a PNG, or a ticked box).
/// </summary>
public sealed record FieldStamp(int Page, double X, double Y, double Width, double Height, string? Text = null, byte[]? Png = null, bool Ticked = false);

/// <summary>
/// The HTML printed for the field values: one A4 layer page per value, the value in a box at the layer's top-left corner
/// at the field's own size in points (shrunk only when the field is larger than A4). The box is then cut from the layer
/// and laid onto the field's rectangle at scale 1, so Chromium shapes Hebrew and orders bidi runs as in every other PDF.
/// </summary>
public static class FieldStampHtml
{
    /// <summary>The printable A4 area in points, a little inside Chromium's 595.92 × 841.92 page.</summary>
    public const double LayerWidth = 590;
    public const double LayerHeight = 836;

    /// <summary>How much a box of this size is shrunk to fit a layer page (1 for any field smaller than A4).</summary>
    public static double Shrink(double width, double height) => Math.Min(1, Math.Min(LayerWidth / width, LayerHeight / height));

    /// <summary><paramref name="boxes"/>: each value with its field's size in points on its page.</summary>
    public static string Document(IReadOnlyList<(FieldStamp Stamp, double Width, double Height)> boxes)
    {
        var html = new StringBuilder();
        html.Append("<!doctype html><html lang=\"he\" dir=\"rtl\"><head><meta charset=\"utf-8\"><style>")
            .Append("*{box-sizing:border-box}html,body{margin:0;padding:0}body{font-family:'").Append(PdfFonts.Family).Append("';color:#0b2a6f}")
            .Append(".layer{height:296mm;position:relative;break-after:page;overflow:hidden}")
            .Append(".box{position:absolute;top:0;left:0;display:flex;align-items:center;overflow:hidden}")
            .Append(".text{width:100%;white-space:nowrap;overflow:hidden;text-align:start;padding:0 1pt;line-height:1.1}")
            .Append(".box img{width:100%;height:100%;object-fit:contain;display:block}")
            .Append("</style></head><body>");
        foreach (var (stamp, width, height) in boxes)
        {
            var shrink = Shrink(width, height);
            var (w, h) = (width * shrink, height * shrink);
            html.Append("<div class=\"layer\"><div class=\"box\" style=\"width:").Append(Pt(w)).Append(";height:").Append(Pt(h)).Append("\">");
            if (stamp.Png is { } png)
            {
                html.Append("<img alt=\"\" src=\"data:image/png;base64,").Append(Convert.ToBase64String(png)).Append("\">");
            }
            else if (stamp.Ticked)
            {
                // A tick drawn, not a glyph: the embedded font has no check mark.
                html.Append("<svg viewBox=\"0 0 10 10\" width=\"100%\" height=\"100%\" preserveAspectRatio=\"xMidYMid meet\"><path d=\"M1.5 5.5 L4 8 L8.5 2\" ")
                    .Append("fill=\"none\" stroke=\"#0b2a6f\" stroke-width=\"1.4\" stroke-linecap=\"round\" stroke-linejoin=\"round\"/></svg>");
            }
            else if (stamp.Text is { Length: > 0 } text)
            {
                var size = Math.Clamp(h * 0.62, 5, 14);
                html.Append("<div class=\"text\" style=\"font-size:").Append(Pt(size)).Append("\">").Append(WebUtility.HtmlEncode(text)).Append("</div>");
            }
            html.Append("</div></div>");
        }
        html.Append("</body></html>");
        return html.ToString();
    }

    private static string Pt(double points) => points.ToString("0.###", CultureInfo.InvariantCulture) + "pt";
}
