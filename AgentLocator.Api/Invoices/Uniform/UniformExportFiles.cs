using System.Globalization;
using System.IO.Compression;
using System.Text;
using AgentLocator.Grains.Data.Entities;
using AgentLocator.Grains.Invoices;

namespace AgentLocator.Api.Invoices.Uniform;

/// <summary>The business as the export's header states it.</summary>
public sealed record UniformIssuer(string TaxId, string LegalName, string? Address);

/// <summary>
/// One document to export, with what the database alone does not say: its issue time in the business's zone, and for a
/// credit the document it credits (its type code and number, fields 1256/1257).
/// </summary>
public sealed record UniformDocument(TaxDocument Document, DateTime IssuedLocal, int? BaseTypeCode, int? BaseNumber);

/// <summary>An export's range and moment: <paramref name="ProcessedLocal"/> names the folder and fills the header's process date.</summary>
public sealed record UniformExportRequest(UniformIssuer Issuer, DateOnly From, DateOnly To, DateTime ProcessedLocal, long PrimaryId,
    IReadOnlyList<UniformDocument> Documents);

/// <summary>
/// The two files of an export and the folder the specification keeps them in: <c>OPENFRMT/&lt;first 8 digits of the tax
/// id&gt;.&lt;yy&gt;/&lt;MMddhhmm&gt;/</c>. Every record ends with CRLF; both files are in <see cref="UniformEncoding.Hebrew"/>.
/// </summary>
public sealed record UniformExportFiles(string Folder, byte[] Ini, byte[] Data, IReadOnlyDictionary<string, int> Counts, int TotalRecords)
{
    public const string IniName = "INI.TXT";
    public const string DataName = "BKMVDATA.TXT";

    /// <summary>A zip of the folder, as the accountant's software expects to find it.</summary>
    public byte[] Zip()
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, bytes) in new[] { (IniName, Ini), (DataName, Data) })
            {
                using var entry = zip.CreateEntry($"{Folder}/{name}", CompressionLevel.Optimal).Open();
                entry.Write(bytes);
            }
        }
        return buffer.ToArray();
    }

    public static UniformExportFiles Build(UniformExportRequest request)
    {
        var taxId = TaxIdNumber(request.Issuer.TaxId);
        var folder = string.Create(CultureInfo.InvariantCulture,
            $"OPENFRMT/{request.Issuer.TaxId[..Math.Min(8, request.Issuer.TaxId.Length)]}.{request.From:yy}/{request.ProcessedLocal:MMddHHmm}");
        var records = new List<UniformRecord>();
        UniformRecord Next(UniformRecordLayout layout)
        {
            var record = new UniformRecord(layout).Set("recordNumber", records.Count + 1).Set("taxId", taxId);
            records.Add(record);
            return record;
        }

        Next(UniformLayouts.A100).Set("primaryId", request.PrimaryId).Set("formatConstant", UniformLayouts.FormatConstant);
        var link = 0;
        foreach (var item in request.Documents)
        {
            link++;
            WriteDocument(item, link, Next);
        }
        var total = records.Count + 1;
        Next(UniformLayouts.Z900).Set("primaryId", request.PrimaryId).Set("formatConstant", UniformLayouts.FormatConstant).Set("totalRecords", total);

        var counts = UniformLayouts.DataRecords.Select(layout => (layout.Code, Count: records.Count(r => r.Layout == layout)))
            .Where(c => c.Count > 0).ToDictionary(c => c.Code, c => c.Count);
        var ini = new List<UniformRecord> { Header(request, taxId, folder, total) };
        ini.AddRange(counts.Select(c => new UniformRecord(UniformLayouts.IniSummary).Set("code", c.Key).Set("count", c.Value)));
        return new UniformExportFiles(folder, Encode(ini), Encode(records), counts, total);
    }

    private static void WriteDocument(UniformDocument item, int link, Func<UniformRecordLayout, UniformRecord> next)
    {
        var document = item.Document;
        var typeCode = UniformLayouts.DocumentTypeCode(document.Type)
            ?? throw new InvalidOperationException($"A {document.Type} has no uniform-structure document type.");
        var number = document.Number!.Value.ToString(CultureInfo.InvariantCulture);
        next(UniformLayouts.C100)
            .Set("documentType", typeCode).Set("documentNumber", number)
            .Set("documentDate", document.DocumentDate).Set("documentTime", TimeOnly.FromDateTime(item.IssuedLocal))
            .Set("customerName", document.CustomerName).Set("customerStreet", document.CustomerAddress)
            .Set("customerTaxId", TaxIds.Normalize(document.CustomerTaxId) is { } customerTaxId ? long.Parse(customerTaxId, CultureInfo.InvariantCulture) : 0L)
            .Set("valueDate", document.DocumentDate)
            .Set("amountBeforeDocumentDiscount", document.SubtotalAgorot).Set("documentDiscount", 0L)
            .Set("amountBeforeVat", document.SubtotalAgorot).Set("vatAmount", document.VatAgorot).Set("amountIncludingVat", document.TotalAgorot)
            .Set("customerKey", document.CustomerId.ToString("N")[^15..])
            .Set("cancelled", document.Status == TaxDocumentStatuses.Cancelled ? "1" : "")
            .Set("printDate", DateOnly.FromDateTime(item.IssuedLocal))
            .Set("linkId", link);

        if (document.Type != TaxDocumentTypes.Receipt)
        {
            foreach (var line in document.Lines.OrderBy(l => l.Position))
            {
                next(UniformLayouts.D110)
                    .Set("documentType", typeCode).Set("documentNumber", number).Set("lineNumber", line.Position)
                    .Set("baseDocumentType", item.BaseTypeCode ?? 0).Set("baseDocumentNumber", item.BaseNumber?.ToString(CultureInfo.InvariantCulture))
                    .Set("description", line.Description).Set("unit", "יחידה")
                    .Set("quantity", (long)decimal.Round(line.Quantity * 10_000m, 0, MidpointRounding.AwayFromZero))
                    .Set("unitPriceBeforeVat", BeforeVat(document, line.UnitPriceAgorot))
                    // Negative: section 2.4 writes what reduces the document's total with a minus sign.
                    .Set("lineDiscount", -BeforeVat(document, line.DiscountAgorot))
                    .Set("lineTotal", BeforeVat(document, line.AmountAgorot))
                    .Set("vatRate", document.VatRateBasisPoints).Set("documentDate", document.DocumentDate).Set("linkId", link);
            }
        }
        if (TaxDocumentTypes.TakesPayments(document.Type))
        {
            foreach (var payment in document.Payments.OrderBy(p => p.Position))
            {
                var cheque = payment.Method == PaymentMethods.Cheque;
                var bankDetails = cheque || payment.Method == PaymentMethods.Transfer;
                next(UniformLayouts.D120)
                    .Set("documentType", typeCode).Set("documentNumber", number).Set("lineNumber", payment.Position)
                    .Set("paymentMethod", UniformLayouts.PaymentMethodCode(payment.Method))
                    .Set("bankNumber", bankDetails ? DigitsOrZero(payment.Bank, 10) : 0L)
                    .Set("branchNumber", bankDetails ? DigitsOrZero(payment.Branch, 10) : 0L)
                    .Set("accountNumber", bankDetails ? DigitsOrZero(payment.Account, 15) : 0L)
                    .Set("chequeNumber", cheque ? DigitsOrZero(payment.ChequeNumber, 10) : 0L)
                    .Set("dueDate", cheque ? payment.PaidOn : null)
                    .Set("amount", payment.AmountAgorot)
                    .Set("documentDate", document.DocumentDate).Set("linkId", link);
            }
        }
    }

    private static UniformRecord Header(UniformExportRequest request, long taxId, string folder, int totalRecords)
    {
        var (street, city) = SplitAddress(request.Issuer.Address);
        return new UniformRecord(UniformLayouts.A000)
            .Set("totalRecords", totalRecords).Set("taxId", taxId).Set("primaryId", request.PrimaryId)
            .Set("formatConstant", UniformLayouts.FormatConstant)
            .Set("softwareName", "AgentLocator").Set("softwareVersion", "1.0").Set("vendorName", "AgentLocator")
            // 2: multi-year software, so the range (1024/1025) is stated and the tax year (1023) is not.
            .Set("softwareType", 2).Set("outputPath", folder)
            // 0: no bookkeeping here (documents only), so no balance is required either.
            .Set("accountingType", 0).Set("balanceRequired", 0)
            .Set("businessName", request.Issuer.LegalName).Set("businessStreet", street).Set("businessCity", city)
            .Set("rangeStart", request.From).Set("rangeEnd", request.To)
            .Set("processDate", DateOnly.FromDateTime(request.ProcessedLocal)).Set("processTime", TimeOnly.FromDateTime(request.ProcessedLocal))
            .Set("language", 0).Set("characterSet", UniformEncoding.CharacterSetCode)
            .Set("defaultCurrency", "ILS").Set("hasBranches", 0);
    }

    /// <summary>"הרצל 1, תל אביב": the street before the last comma, the city after it.</summary>
    private static (string Street, string City) SplitAddress(string? address)
    {
        var text = address?.Trim() ?? "";
        var comma = text.LastIndexOf(',');
        return comma < 0 ? (text, "") : (text[..comma].Trim(), text[(comma + 1)..].Trim());
    }

    /// <summary>A price basis including VAT is restated before VAT (rounded once, half away from zero), as D110 wants.</summary>
    private static long BeforeVat(TaxDocument document, long agorot) =>
        document.PricesIncludeVat && document.VatRateBasisPoints > 0
            ? Agorot.Round(agorot * 10_000m / (10_000 + document.VatRateBasisPoints))
            : agorot;

    private static long DigitsOrZero(string? text, int length)
    {
        var digits = new string((text ?? "").Where(char.IsAsciiDigit).ToArray());
        return digits.Length is > 0 and <= 15 && digits.Length <= length ? long.Parse(digits, CultureInfo.InvariantCulture) : 0L;
    }

    private static long TaxIdNumber(string taxId) =>
        long.TryParse(taxId, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && taxId.Length <= 9 ? number
            : throw new InvalidOperationException("The business's tax id is not nine digits.");

    private static byte[] Encode(IEnumerable<UniformRecord> records)
    {
        var text = new StringBuilder();
        foreach (var record in records)
        {
            text.Append(record.Render()).Append("\r\n");
        }
        return UniformEncoding.Hebrew.GetBytes(text.ToString());
    }
}
