namespace AgentLocator.Api.Invoices.Uniform;

/// <summary>How a field of the uniform structure is written (its section 2.4 conventions).</summary>
public enum UniformFieldKind
{
    /// <summary>X(n): text, left-aligned, padded with spaces, cut at the length.</summary>
    Text,

    /// <summary>9(n): a whole number without sign, right-aligned, padded with zeros.</summary>
    Number,

    /// <summary>X9(n)V99…: '+' or '-', then the value in its smallest unit (agorot, ten-thousandths), zero-padded.</summary>
    Signed,

    /// <summary>yyyyMMdd, zeros when empty.</summary>
    Date,

    /// <summary>HHmm, zeros when empty.</summary>
    Time,
}

/// <summary>One field: the specification's field number, our name for it, its 1-based position and its length.</summary>
public sealed record UniformField(int Number, string Name, int Position, int Length, UniformFieldKind Kind);

/// <summary>A record type: its code (the first field's value) and its fields in order.</summary>
public sealed record UniformRecordLayout(string Code, IReadOnlyList<UniformField> Fields)
{
    /// <summary>The record's length without its CRLF: where its last field ends.</summary>
    public int Length => Fields[^1].Position + Fields[^1].Length - 1;

    public UniformField this[string name] => Fields.FirstOrDefault(f => f.Name == name)
        ?? throw new ArgumentException($"{Code} has no field '{name}'.", nameof(name));
}

/// <summary>
/// The record layouts of the Tax Authority's uniform structure (מבנה אחיד), version 1.31, for the records a business that
/// issues documents (no bookkeeping, no stock) writes: INI.TXT's A000 header and per-type summaries, BKMVDATA.TXT's A100
/// opening, C100 document header, D110 document line, D120 receipt payment and Z900 closing. Positions and lengths are the
/// specification's (sections 3–4); field numbers run per record from its code's field (1000, 1100, 1150, 1200, 1250, 1300).
/// The writer and the tests both read this table; a test checks that the fields are contiguous and that each record's
/// total is the specification's record length (section 2.5).
/// </summary>
public static class UniformLayouts
{
    /// <summary>The format's constant in A000, A100 and Z900.</summary>
    public const string FormatConstant = "&OF1.31&";

    private const UniformFieldKind X = UniformFieldKind.Text;
    private const UniformFieldKind N = UniformFieldKind.Number;
    private const UniformFieldKind S = UniformFieldKind.Signed;
    private const UniformFieldKind D = UniformFieldKind.Date;
    private const UniformFieldKind T = UniformFieldKind.Time;

    public static readonly UniformRecordLayout A000 = new("A000",
    [
        new(1000, "code", 1, 4, X),
        new(1001, "reserved1", 5, 5, X),
        new(1002, "totalRecords", 10, 15, N),
        new(1003, "taxId", 25, 9, N),
        new(1004, "primaryId", 34, 15, N),
        new(1005, "formatConstant", 49, 8, X),
        new(1006, "softwareRegistration", 57, 8, N),
        new(1007, "softwareName", 65, 20, X),
        new(1008, "softwareVersion", 85, 20, X),
        new(1009, "vendorTaxId", 105, 9, N),
        new(1010, "vendorName", 114, 20, X),
        new(1011, "softwareType", 134, 1, N),
        new(1012, "outputPath", 135, 50, X),
        new(1013, "accountingType", 185, 1, N),
        new(1014, "balanceRequired", 186, 1, N),
        new(1015, "companyRegistrarId", 187, 9, N),
        new(1016, "withholdingFileNumber", 196, 9, N),
        new(1017, "reserved2", 205, 10, X),
        new(1018, "businessName", 215, 50, X),
        new(1019, "businessStreet", 265, 50, X),
        new(1020, "businessHouseNumber", 315, 10, X),
        new(1021, "businessCity", 325, 30, X),
        new(1022, "businessZip", 355, 8, X),
        new(1023, "taxYear", 363, 4, N),
        new(1024, "rangeStart", 367, 8, D),
        new(1025, "rangeEnd", 375, 8, D),
        new(1026, "processDate", 383, 8, D),
        new(1027, "processTime", 391, 4, T),
        new(1028, "language", 395, 1, N),
        new(1029, "characterSet", 396, 1, N),
        new(1030, "compressionSoftware", 397, 20, X),
        new(1031, "defaultCurrency", 417, 3, X),
        new(1032, "hasBranches", 420, 1, N),
        new(1033, "reserved3", 421, 46, X),
    ]);

    /// <summary>INI.TXT's summary: one per record type of BKMVDATA.TXT, with how many it holds.</summary>
    public static readonly UniformRecordLayout IniSummary = new("",
    [
        new(0, "code", 1, 4, X),
        new(0, "count", 5, 15, N),
    ]);

    public static readonly UniformRecordLayout A100 = new("A100",
    [
        new(1100, "code", 1, 4, X),
        new(1101, "recordNumber", 5, 9, N),
        new(1102, "taxId", 14, 9, N),
        new(1103, "primaryId", 23, 15, N),
        new(1104, "formatConstant", 38, 8, X),
        new(1105, "reserved", 46, 50, X),
    ]);

    public static readonly UniformRecordLayout C100 = new("C100",
    [
        new(1200, "code", 1, 4, X),
        new(1201, "recordNumber", 5, 9, N),
        new(1202, "taxId", 14, 9, N),
        new(1203, "documentType", 23, 3, N),
        new(1204, "documentNumber", 26, 20, X),
        new(1205, "documentDate", 46, 8, D),
        new(1206, "documentTime", 54, 4, T),
        new(1207, "customerName", 58, 50, X),
        new(1208, "customerStreet", 108, 50, X),
        new(1209, "customerHouseNumber", 158, 10, X),
        new(1210, "customerCity", 168, 30, X),
        new(1211, "customerZip", 198, 8, X),
        new(1212, "customerCountry", 206, 30, X),
        new(1213, "customerCountryCode", 236, 2, X),
        new(1214, "customerPhone", 238, 15, X),
        new(1215, "customerTaxId", 253, 9, N),
        new(1216, "valueDate", 262, 8, D),
        new(1217, "foreignCurrencyAmount", 270, 15, S),
        new(1218, "currencyCode", 285, 3, X),
        new(1219, "amountBeforeDocumentDiscount", 288, 15, S),
        new(1220, "documentDiscount", 303, 15, S),
        new(1221, "amountBeforeVat", 318, 15, S),
        new(1222, "vatAmount", 333, 15, S),
        new(1223, "amountIncludingVat", 348, 15, S),
        new(1224, "withholdingAmount", 363, 12, S),
        new(1225, "customerKey", 375, 15, X),
        new(1226, "matchingField", 390, 10, X),
        new(1227, "cancelled", 400, 1, X),
        new(1228, "printDate", 401, 8, D),
        new(1229, "branchId", 409, 7, X),
        new(1230, "userName", 416, 9, X),
        new(1231, "linkId", 425, 7, N),
        new(1232, "reserved", 432, 13, X),
    ]);

    public static readonly UniformRecordLayout D110 = new("D110",
    [
        new(1250, "code", 1, 4, X),
        new(1251, "recordNumber", 5, 9, N),
        new(1252, "taxId", 14, 9, N),
        new(1253, "documentType", 23, 3, N),
        new(1254, "documentNumber", 26, 20, X),
        new(1255, "lineNumber", 46, 4, N),
        new(1256, "baseDocumentType", 50, 3, N),
        new(1257, "baseDocumentNumber", 53, 20, X),
        new(1258, "transactionType", 73, 1, N),
        new(1259, "catalogId", 74, 20, X),
        new(1260, "description", 94, 30, X),
        new(1261, "manufacturer", 124, 50, X),
        new(1262, "serialNumber", 174, 30, X),
        new(1263, "unit", 204, 20, X),
        new(1264, "quantity", 224, 17, S),
        new(1265, "unitPriceBeforeVat", 241, 15, S),
        new(1266, "lineDiscount", 256, 15, S),
        new(1267, "lineTotal", 271, 15, S),
        new(1268, "vatRate", 286, 4, N),
        new(1269, "branchId", 290, 7, X),
        new(1270, "documentDate", 297, 8, D),
        new(1271, "linkId", 305, 7, N),
        new(1272, "baseBranchId", 312, 7, X),
        new(1273, "reserved", 319, 21, X),
    ]);

    public static readonly UniformRecordLayout D120 = new("D120",
    [
        new(1300, "code", 1, 4, X),
        new(1301, "recordNumber", 5, 9, N),
        new(1302, "taxId", 14, 9, N),
        new(1303, "documentType", 23, 3, N),
        new(1304, "documentNumber", 26, 20, X),
        new(1305, "lineNumber", 46, 4, N),
        new(1306, "paymentMethod", 50, 1, N),
        new(1307, "bankNumber", 51, 10, N),
        new(1308, "branchNumber", 61, 10, N),
        new(1309, "accountNumber", 71, 15, N),
        new(1310, "chequeNumber", 86, 10, N),
        new(1311, "dueDate", 96, 8, D),
        new(1312, "amount", 104, 15, S),
        new(1313, "cardCompany", 119, 1, N),
        new(1314, "cardName", 120, 20, X),
        new(1315, "cardDealType", 140, 1, N),
        new(1316, "branchId", 141, 7, X),
        new(1317, "documentDate", 148, 8, D),
        new(1318, "linkId", 156, 7, N),
        new(1319, "reserved", 163, 60, X),
    ]);

    public static readonly UniformRecordLayout Z900 = new("Z900",
    [
        new(1150, "code", 1, 4, X),
        new(1151, "recordNumber", 5, 9, N),
        new(1152, "taxId", 14, 9, N),
        new(1153, "primaryId", 23, 15, N),
        new(1154, "formatConstant", 38, 8, X),
        new(1155, "totalRecords", 46, 15, N),
        new(1156, "reserved", 61, 50, X),
    ]);

    public static IReadOnlyList<UniformRecordLayout> DataRecords { get; } = [A100, C100, D110, D120, Z900];

    /// <summary>
    /// Appendix 1's document types for ours. A quote (הצעת מחיר) has none: it is not an accounting document, so the export
    /// leaves quotes out.
    /// </summary>
    public static int? DocumentTypeCode(string type) => type switch
    {
        Grains.Data.Entities.TaxDocumentTypes.TaxInvoice => 305,
        Grains.Data.Entities.TaxDocumentTypes.TaxInvoiceReceipt => 320,
        Grains.Data.Entities.TaxDocumentTypes.CreditInvoice => 330,
        Grains.Data.Entities.TaxDocumentTypes.Receipt => 400,
        _ => null,
    };

    /// <summary>
    /// Field 1306's payment means: 1 cash, 2 cheque, 3 credit card, 4 bank transfer, 9 other. A payment app (Bit, PayBox)
    /// is written as 9: we do not know how the app settled it.
    /// </summary>
    public static int PaymentMethodCode(string method) => method switch
    {
        Grains.Data.Entities.PaymentMethods.Cash => 1,
        Grains.Data.Entities.PaymentMethods.Cheque => 2,
        Grains.Data.Entities.PaymentMethods.Card => 3,
        Grains.Data.Entities.PaymentMethods.Transfer => 4,
        _ => 9,
    };
}
