using System.Globalization;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using AgentLocator.Api.Integrations.Pdf;

namespace AgentLocator.Api.Integrations.PdfSigning;

/// <summary>
/// The HTML printed for a finished document: page 1 is an A4 layer, empty but for the signers' stamp at its foot (drawn
/// over the document's last page), and the pages after it are the completion certificate. Everything is HTML-encoded.
/// </summary>
public static class CompletionHtml
{
    private static readonly TimeZoneInfo Israel = TimeZoneInfo.FindSystemTimeZoneById("Asia/Jerusalem");

    public static string Document(SignedPdfInput input, string originalHash, X509Certificate2 certificate)
    {
        var html = new StringBuilder();
        html.Append("<!doctype html><html lang=\"he\" dir=\"rtl\"><head><meta charset=\"utf-8\"><style>")
            .Append("*{box-sizing:border-box}html,body{margin:0;padding:0}body{font-family:'").Append(PdfFonts.Family).Append("';color:#111}")
            .Append(".layer{height:296mm;position:relative;break-after:page;overflow:hidden}")
            .Append(".stamp{position:absolute;bottom:6mm;left:8mm;right:8mm;display:flex;gap:4mm 3mm;flex-wrap:wrap-reverse;justify-content:flex-start}")
            .Append(".mark{border:1px solid #1d4ed8;border-radius:2mm;padding:1mm 2mm;font-size:8pt;color:#1d4ed8;background:rgba(255,255,255,.85)}")
            .Append(".mark{max-width:42mm;height:21mm;overflow:hidden;white-space:nowrap}.mark img{height:11mm;max-width:40mm;display:block}")
            .Append(".certificate{padding:14mm;font-size:10.5pt;background:#fff}h1{font-size:17pt;margin:0 0 4mm}h2{font-size:12.5pt;margin:6mm 0 2mm}")
            .Append("table{width:100%;border-collapse:collapse}td,th{border:1px solid #ccc;padding:1.5mm 2mm;text-align:right;vertical-align:top}")
            .Append("th{background:#f3f4f6;width:32%}.ltr{direction:ltr;unicode-bidi:embed;font-family:monospace;font-size:8.5pt;word-break:break-all}")
            .Append(".signature img{height:16mm;max-width:70mm}.signer{break-inside:avoid}")
            .Append("</style></head><body>");

        html.Append("<div class=\"layer\"><div class=\"stamp\">");
        foreach (var signer in input.Signers)
        {
            html.Append("<div class=\"mark\"><img alt=\"\" src=\"data:image/png;base64,").Append(Convert.ToBase64String(signer.SignaturePng))
                .Append("\"><div>נחתם על ידי ").Append(E(signer.Name)).Append("</div><div>").Append(E(When(signer.SignedAt))).Append("</div></div>");
        }
        html.Append("</div></div>");

        html.Append("<div class=\"certificate\"><h1>תעודת השלמת חתימה</h1><table>")
            .Append(Row("מסמך", E(input.Title)))
            .Append(Row("עסק", E(input.BusinessName)))
            .Append(Row("הושלם", E(When(input.CompletedAt))))
            .Append(Row("טביעת SHA-256 של המסמך המקורי", $"<span class=\"ltr\">{originalHash}</span>"))
            .Append(Row("אישור החתימה הדיגיטלית", $"<span class=\"ltr\">{E(certificate.Subject)} · {E(certificate.Thumbprint)}</span>"))
            .Append("</table>");
        var number = 0;
        foreach (var signer in input.Signers)
        {
            number++;
            html.Append("<div class=\"signer\"><h2>חותם ").Append(number).Append(": ").Append(E(signer.Name)).Append("</h2><table>")
                .Append(Row("תפקיד", E(RoleName(signer.Role))))
                .Append(Row("טלפון", $"<span dir=\"ltr\">{E(signer.Phone)}</span>"))
                .Append(Row("נחתם", E(When(signer.SignedAt))))
                .Append(Row("כתובת IP", $"<span class=\"ltr\">{E(signer.IpAddress ?? "לא ידוע")}</span>"))
                .Append(Row("דפדפן", $"<span class=\"ltr\">{E(signer.UserAgent ?? "לא ידוע")}</span>"))
                .Append(Row("קוד חד-פעמי ב-SMS", signer.CodeVerified ? "אומת" : "לא נדרש"))
                .Append(Row("חתימה", $"<span class=\"signature\"><img alt=\"\" src=\"data:image/png;base64,{Convert.ToBase64String(signer.SignaturePng)}\"></span>"
                    + (signer.TypedSignature is { Length: > 0 } typed ? $"<div>הוקלדה: {E(typed)}</div>" : "")))
                .Append("</table></div>");
        }
        html.Append("<p>המסמך נחתם דיגיטלית (PKCS#7) לאחר הוספת דף זה; כל שינוי בקובץ לאחר מכן יתגלה בבדיקת החתימה.</p></div></body></html>");
        return html.ToString();
    }

    public static string RoleName(string role) => role switch
    {
        "customer" => "לקוח",
        "co_signer" => "חותם נוסף",
        "business" => "נציג העסק",
        _ => role,
    };

    private static string Row(string label, string valueHtml) => $"<tr><th>{E(label)}</th><td>{valueHtml}</td></tr>";

    private static string When(DateTimeOffset moment) =>
        TimeZoneInfo.ConvertTime(moment, Israel).ToString("dd/MM/yyyy HH:mm:ss", CultureInfo.InvariantCulture);

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
