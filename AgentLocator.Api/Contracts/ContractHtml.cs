using System.Net;
using System.Text;
using AgentLocator.Api.Integrations.Pdf;

namespace AgentLocator.Api.Contracts;

/// <summary>
/// A contract as one HTML document for <see cref="IPdfRenderer"/>: RTL Hebrew, the business's logo and name, the title,
/// and the rendered template body. Chromium does the shaping and the bidi: Latin words and numbers inside a Hebrew
/// sentence keep their reading order because the paragraph is <c>dir="rtl"</c> and the text is in logical order.
/// </summary>
public static class ContractHtml
{
    public const string DraftMark = "טיוטה";

    public static string Render(string businessName, string? logoDataUri, string title, string renderedBody, bool draft)
    {
        var html = new StringBuilder();
        html.Append("""<!doctype html><html lang="he" dir="rtl"><head><meta charset="utf-8"><style>""");
        html.Append("body{font-family:'").Append(PdfFonts.Family).Append("',sans-serif;font-size:12pt;line-height:1.55;color:#1f2937;margin:0}");
        html.Append("""
            header{display:flex;justify-content:space-between;align-items:center;border-bottom:2px solid #1e3a8a;padding-bottom:8px;margin-bottom:14px}
            header .business{font-size:14pt;font-weight:700}
            .logo{max-height:64px;max-width:180px}
            h1.title{font-size:18pt;text-align:center;margin:6px 0 14px}
            .mark{text-align:center;font-weight:700;color:#b91c1c;margin-bottom:6px}
            .body h1{font-size:16pt}.body h2{font-size:14pt}.body h3{font-size:12.5pt}
            .body p{margin:0 0 8px}
            </style></head><body>
            """);
        html.Append("<header><div class=\"business\">").Append(E(businessName)).Append("</div>");
        if (logoDataUri is not null)
        {
            html.Append("<img class=\"logo\" alt=\"\" src=\"").Append(logoDataUri).Append("\">");
        }
        html.Append("</header>");
        if (draft)
        {
            html.Append("<div class=\"mark\">").Append(DraftMark).Append("</div>");
        }
        html.Append("<h1 class=\"title\">").Append(E(title)).Append("</h1>");
        // Sanitised on save and rendered with HTML-encoded values: safe to place as is.
        html.Append("<div class=\"body\">").Append(renderedBody).Append("</div>");
        html.Append("</body></html>");
        return html.ToString();
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
