using System.Globalization;
using System.Net;
using System.Text;
using AgentLocator.Api.Integrations.Pdf;
using AgentLocator.Grains.Data.Entities;
using AgentLocator.Grains.Invoices;

namespace AgentLocator.Api.Invoices;

/// <summary>
/// A tax document as one HTML page for <see cref="IPdfRenderer"/>: RTL Hebrew, the issuer's logo and details, the customer,
/// lines, totals with VAT, payments, and the output's mark (מקור / העתק נאמן למקור, or טיוטה for a draft). Every value is
/// HTML-encoded; amounts and ids sit in LTR isolates so their digits and ₪ keep their order inside the Hebrew.
/// </summary>
public static class DocumentHtml
{
    public const string Original = "מקור";
    public const string TrueCopy = "העתק נאמן למקור";
    public const string Draft = "טיוטה — אינה מסמך חשבונאי";
    public const string AwaitingAllocation = "ממתין למספר הקצאה — אינו מסמך חשבונאי";

    public static string Mark(TaxDocument document, int outputNumber) =>
        document.Status == TaxDocumentStatuses.PendingAllocation ? AwaitingAllocation
        : document.Status != TaxDocumentStatuses.Issued ? Draft : outputNumber <= 1 ? Original : TrueCopy;

    public static string Render(TaxDocument document, IssuerSnapshot issuer, string mark, string? logoDataUri, int? referencedNumber)
    {
        var html = new StringBuilder();
        html.Append("""<!doctype html><html lang="he" dir="rtl"><head><meta charset="utf-8"><style>""");
        html.Append("body{font-family:'").Append(PdfFonts.Family).Append("',sans-serif;font-size:11pt;color:#1f2937;margin:0}");
        html.Append("""
            header{display:flex;justify-content:space-between;align-items:flex-start;border-bottom:2px solid #1e3a8a;padding-bottom:8px}
            .issuer h1{font-size:16pt;margin:0 0 4px}.issuer div{font-size:10pt}
            .logo{max-height:70px;max-width:180px}
            .mark-line{text-align:center;margin-top:10px}
            .title{margin:8px 0 6px}
            .title h2{font-size:15pt;margin:0}.mark{font-weight:700;border:1.5px solid #1e3a8a;padding:2px 10px;border-radius:4px}
            .meta{display:flex;gap:32px;font-size:10pt;margin-bottom:10px}
            table{width:100%;border-collapse:collapse;margin-top:8px}th,td{padding:5px 6px;border-bottom:1px solid #d1d5db;text-align:right}
            th{background:#eef2ff;font-weight:700}td.n,th.n{text-align:left}
            .totals{width:45%;margin:10px auto 0 0;line-height:1.7}.totals .total{font-weight:700;border-top:2px solid #1e3a8a}
            .section{margin-top:14px;font-size:10pt}.section h3{font-size:11pt;margin:0 0 4px}
            </style></head><body>
            """);
        html.Append("<header><div class=\"issuer\"><h1>").Append(E(issuer.LegalName)).Append("</h1>");
        html.Append("<div>").Append(E(DealerTypes.Hebrew(issuer.DealerType))).Append(' ').Append(Ltr(issuer.TaxId)).Append("</div>");
        if (issuer.Address is { } address) { html.Append("<div>").Append(E(address)).Append("</div>"); }
        if (issuer.Phone is { } phone) { html.Append("<div>טלפון ").Append(Ltr(phone)).Append("</div>"); }
        if (issuer.Email is { } email) { html.Append("<div>").Append(Ltr(email)).Append("</div>"); }
        html.Append("</div>");
        if (logoDataUri is not null) { html.Append("<img class=\"logo\" alt=\"\" src=\"").Append(logoDataUri).Append("\">"); }
        html.Append("</header>");

        var name = TaxDocumentTypes.Hebrew(document.Type);
        // The mark on a line of its own above the title, so a reader (and pdftotext) takes it apart from the document's name.
        html.Append("<div class=\"mark-line\"><span class=\"mark\">").Append(E(mark)).Append("</span></div>");
        html.Append("<div class=\"title\"><h2>").Append(E(name)).Append(' ');
        html.Append(document.Number is { } number ? Ltr(number.ToString(CultureInfo.InvariantCulture)) : "");
        html.Append("</h2></div>");
        html.Append("<div class=\"meta\"><div>תאריך ").Append(Ltr(document.DocumentDate.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture))).Append("</div>");
        if (document.AllocationNumber is { } allocationNumber) { html.Append("<div>מספר הקצאה ").Append(Ltr(allocationNumber)).Append("</div>"); }
        if (referencedNumber is { } referenced)
        {
            html.Append("<div>").Append(document.Type == TaxDocumentTypes.CreditInvoice ? "זיכוי לחשבונית " : "עבור חשבונית ")
                .Append(Ltr(referenced.ToString(CultureInfo.InvariantCulture))).Append("</div>");
        }
        html.Append("</div>");
        html.Append("<div class=\"section\"><h3>לכבוד</h3><div>").Append(E(document.CustomerName)).Append("</div>");
        if (document.CustomerTaxId is { } customerTaxId) { html.Append("<div>מספר עוסק ").Append(Ltr(customerTaxId)).Append("</div>"); }
        if (document.CustomerAddress is { } customerAddress) { html.Append("<div>").Append(E(customerAddress)).Append("</div>"); }
        html.Append("</div>");

        if (document.Lines.Count > 0)
        {
            html.Append("<table><thead><tr><th>תיאור</th><th class=\"n\">כמות</th><th class=\"n\">מחיר יחידה</th><th class=\"n\">הנחה</th><th class=\"n\">סכום</th></tr></thead><tbody>");
            foreach (var line in document.Lines.OrderBy(l => l.Position))
            {
                html.Append("<tr><td>").Append(E(line.Description)).Append("</td><td class=\"n\">")
                    .Append(Ltr(line.Quantity.ToString("0.###", CultureInfo.InvariantCulture))).Append("</td><td class=\"n\">")
                    .Append(Money(line.UnitPriceAgorot)).Append("</td><td class=\"n\">")
                    .Append(line.DiscountAgorot == 0 ? "" : Money(line.DiscountAgorot)).Append("</td><td class=\"n\">")
                    .Append(Money(line.AmountAgorot)).Append("</td></tr>");
            }
            html.Append("</tbody></table>");
            if (document.VatRateBasisPoints > 0)
            {
                html.Append("<div class=\"section\">").Append(document.PricesIncludeVat ? "המחירים כוללים מע\"מ" : "המחירים אינם כוללים מע\"מ").Append("</div>");
            }
        }

        // Totals as lines of text (label, then amount), not a table: each reads in logical order wherever it is extracted.
        html.Append("<div class=\"totals\">");
        if (TaxDocumentTypes.ReportsVat(document.Type) || document.VatAgorot != 0)
        {
            html.Append("<div>סכום לפני מע\"מ ").Append(Money(document.SubtotalAgorot)).Append("</div>");
            // The amount before the rate, with Hebrew between them: two left-to-right runs side by side would be read as one.
            html.Append("<div>מע\"מ ").Append(Money(document.VatAgorot)).Append(" (שיעור ")
                .Append(Ltr((document.VatRateBasisPoints / 100m).ToString("0.##", CultureInfo.InvariantCulture) + "%")).Append(")</div>");
        }
        html.Append("<div class=\"total\">סה\"כ ").Append(Money(document.TotalAgorot)).Append("</div></div>");

        if (document.Payments.Count > 0)
        {
            html.Append("<div class=\"section\"><h3>פרטי תשלום</h3><table><thead><tr><th>אמצעי</th><th>פרטים</th><th class=\"n\">תאריך</th><th class=\"n\">סכום</th></tr></thead><tbody>");
            foreach (var payment in document.Payments.OrderBy(p => p.Position))
            {
                html.Append("<tr><td>").Append(E(PaymentMethods.Hebrew(payment.Method))).Append("</td><td>").Append(PaymentDetails(payment))
                    .Append("</td><td class=\"n\">").Append(Ltr(payment.PaidOn.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)))
                    .Append("</td><td class=\"n\">").Append(Money(payment.AmountAgorot)).Append("</td></tr>");
            }
            html.Append("</tbody></table></div>");
        }
        if (document.Notes is { } notes) { html.Append("<div class=\"section\"><h3>הערות</h3><div>").Append(E(notes)).Append("</div></div>"); }
        if (issuer.BankDetails is { } bankDetails) { html.Append("<div class=\"section\"><h3>פרטי בנק להעברה</h3><div>").Append(E(bankDetails)).Append("</div></div>"); }
        html.Append("</body></html>");
        return html.ToString();
    }

    private static string PaymentDetails(TaxDocumentPayment payment)
    {
        var parts = new List<string>();
        if (payment.Bank is { } bank) { parts.Add("בנק " + Ltr(bank)); }
        if (payment.Branch is { } branch) { parts.Add("סניף " + Ltr(branch)); }
        if (payment.Account is { } account) { parts.Add("חשבון " + Ltr(account)); }
        if (payment.ChequeNumber is { } cheque) { parts.Add("המחאה " + Ltr(cheque)); }
        if (payment.CardLastDigits is { } card) { parts.Add("כרטיס המסתיים ב-" + Ltr(card)); }
        if (payment.AppName is { } app) { parts.Add(E(app)); }
        if (payment.Reference is { } reference) { parts.Add("אסמכתא " + Ltr(reference)); }
        return string.Join(", ", parts);
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);

    /// <summary>A left-to-right isolate: digits, ids, e-mail and amounts keep their own order inside the Hebrew line.</summary>
    private static string Ltr(string text) => "<bdi dir=\"ltr\">" + E(text) + "</bdi>";

    private static string Money(long agorot) => Ltr("₪" + Agorot.Format(agorot));
}
