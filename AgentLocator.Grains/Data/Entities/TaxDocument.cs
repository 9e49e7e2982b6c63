namespace AgentLocator.Grains.Data.Entities;

/// <summary>The kinds of Israeli tax document, as the wire and the database spell them.</summary>
public static class TaxDocumentTypes
{
    public const string Quote = "quote";
    public const string TaxInvoice = "tax_invoice";
    public const string Receipt = "receipt";
    public const string TaxInvoiceReceipt = "tax_invoice_receipt";
    public const string CreditInvoice = "credit_invoice";

    public static readonly IReadOnlyList<string> All = [Quote, TaxInvoice, Receipt, TaxInvoiceReceipt, CreditInvoice];

    /// <summary>Documents that report VAT; a עוסק פטור issues none of them.</summary>
    public static bool ReportsVat(string type) => type is TaxInvoice or TaxInvoiceReceipt or CreditInvoice;

    /// <summary>Documents that record money received, so their payments must sum to the total.</summary>
    public static bool TakesPayments(string type) => type is Receipt or TaxInvoiceReceipt;

    /// <summary>Documents a receipt can close and a credit invoice can credit.</summary>
    public static bool IsInvoice(string type) => type is TaxInvoice or TaxInvoiceReceipt;

    public static string Hebrew(string type) => type switch
    {
        Quote => "הצעת מחיר",
        TaxInvoice => "חשבונית מס",
        Receipt => "קבלה",
        TaxInvoiceReceipt => "חשבונית מס/קבלה",
        CreditInvoice => "חשבונית זיכוי",
        _ => type,
    };
}

public static class TaxDocumentStatuses
{
    public const string Draft = "draft";

    /// <summary>
    /// Numbered and final, but not released: it waits for the Tax Authority's allocation number, which a tax invoice above
    /// the threshold needs before the customer may see it. Its content is as immutable as an issued document's; the one
    /// change allowed is the release (status to issued, with the allocation number).
    /// </summary>
    public const string PendingAllocation = "pending_allocation";

    public const string Issued = "issued";

    /// <summary>
    /// A document the Tax Authority refused an allocation number for, cancelled by the business: it keeps its number (the
    /// sequence stays gapless), is never released to the customer, and is reported as cancelled in the uniform export.
    /// </summary>
    public const string Cancelled = "cancelled";
}

/// <summary>
/// A quote, invoice, receipt or credit. A draft is freely edited; once <see cref="TaxDocumentStatuses.Issued"/> the row,
/// its lines and payments are refused any UPDATE or DELETE by a trigger (<c>TaxDocumentSql</c>): mistakes are corrected by a
/// credit invoice. What changes after issue (prints, links) lives in other tables, and what is paid or credited is derived
/// from the receipts and credits that name it. Amounts are agorot.
/// </summary>
public sealed class TaxDocument : IBusinessOwned
{
    public Guid Id { get; set; }
    public Guid BusinessId { get; set; }
    public Guid CustomerId { get; set; }
    public required string Type { get; set; }
    public string Status { get; set; } = TaxDocumentStatuses.Draft;

    /// <summary>Per business and type, gapless; set in the issuing transaction.</summary>
    public int? Number { get; set; }

    /// <summary>The document's date (the business's calendar day): its VAT rate and allocation threshold are those of this day.</summary>
    public DateOnly DocumentDate { get; set; }

    public bool PricesIncludeVat { get; set; }

    /// <summary>VAT in basis points (1800 = 18%); 0 for documents without VAT.</summary>
    public int VatRateBasisPoints { get; set; }

    public long SubtotalAgorot { get; set; }
    public long VatAgorot { get; set; }
    public long TotalAgorot { get; set; }
    public string Currency { get; set; } = "ILS";

    /// <summary>The customer as billed (name, tax id, address), copied at issue so a later change of the customer leaves the document as issued.</summary>
    public required string CustomerName { get; set; }
    public string? CustomerTaxId { get; set; }
    public string? CustomerAddress { get; set; }

    /// <summary>The issuer's details as JSON (legal name, dealer type, tax id, address, phone, bank, logo), copied at issue.</summary>
    public string? IssuerJson { get; set; }

    /// <summary>A credit's invoice, or the invoice a receipt pays.</summary>
    public Guid? ReferencedDocumentId { get; set; }

    /// <summary>The quote this invoice was made from.</summary>
    public Guid? SourceDocumentId { get; set; }

    public string? Notes { get; set; }

    /// <summary>The Tax Authority's allocation number (מספר הקצאה), set when a pending document is released.</summary>
    public string? AllocationNumber { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public Guid? CreatedById { get; set; }
    public DateTimeOffset? IssuedAt { get; set; }
    public Guid? IssuedById { get; set; }

    public List<TaxDocumentLine> Lines { get; set; } = [];
    public List<TaxDocumentPayment> Payments { get; set; } = [];
}

public sealed class TaxDocumentLine
{
    public Guid DocumentId { get; set; }
    public int Position { get; set; }
    public required string Description { get; set; }

    /// <summary>Up to three decimals (hours, kilograms).</summary>
    public decimal Quantity { get; set; }
    public long UnitPriceAgorot { get; set; }

    /// <summary>Off the line's amount, in agorot.</summary>
    public long DiscountAgorot { get; set; }

    /// <summary>round(quantity × unit price) − discount, in the document's price basis (incl. or excl. VAT).</summary>
    public long AmountAgorot { get; set; }
}

public static class PaymentMethods
{
    public const string Cash = "cash";
    public const string Cheque = "cheque";
    public const string Transfer = "transfer";
    public const string Card = "card";
    public const string App = "app";

    public static readonly IReadOnlyList<string> All = [Cash, Cheque, Transfer, Card, App];

    public static string Hebrew(string method) => method switch
    {
        Cash => "מזומן",
        Cheque => "המחאה",
        Transfer => "העברה בנקאית",
        Card => "כרטיס אשראי",
        App => "אפליקציית תשלום",
        _ => method,
    };
}

public sealed class TaxDocumentPayment
{
    public Guid DocumentId { get; set; }
    public int Position { get; set; }
    public required string Method { get; set; }
    public long AmountAgorot { get; set; }
    public DateOnly PaidOn { get; set; }

    /// <summary>Cheque and transfer: bank and branch numbers; cheque: its number, transfer: the account.</summary>
    public string? Bank { get; set; }
    public string? Branch { get; set; }
    public string? Account { get; set; }
    public string? ChequeNumber { get; set; }

    /// <summary>Card: the last four digits only.</summary>
    public string? CardLastDigits { get; set; }

    /// <summary>App: its name (Bit, PayBox…) and any reference.</summary>
    public string? AppName { get; set; }
    public string? Reference { get; set; }
}

/// <summary>The next number of one business's document type; its row lock serialises issues of that type.</summary>
public sealed class TaxDocumentSequence : IBusinessOwned
{
    public Guid BusinessId { get; set; }
    public required string Type { get; set; }
    public int NextNumber { get; set; }
}

/// <summary>How often an issued document was output: the first PDF is "מקור", every later one "העתק נאמן למקור".</summary>
public sealed class TaxDocumentPrint : IBusinessOwned
{
    public Guid DocumentId { get; set; }
    public Guid BusinessId { get; set; }
    public int Outputs { get; set; }
    public DateTimeOffset LastOutputAt { get; set; }
}

/// <summary>A link that serves one document's PDF without login: only the SHA-256 of its token is kept.</summary>
public sealed class TaxDocumentLink : IBusinessOwned
{
    public Guid Id { get; set; }
    public Guid BusinessId { get; set; }
    public Guid DocumentId { get; set; }
    public required byte[] TokenHash { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public Guid? CreatedById { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
}

/// <summary>Dealer types (סוג עוסק).</summary>
public static class DealerTypes
{
    public const string Licensed = "licensed";
    public const string Exempt = "exempt";
    public const string Company = "company";
    public const string NonProfit = "nonprofit";

    public static readonly IReadOnlyList<string> All = [Licensed, Exempt, Company, NonProfit];

    public static string Hebrew(string type) => type switch
    {
        Licensed => "עוסק מורשה",
        Exempt => "עוסק פטור",
        Company => "חברה בע\"מ",
        NonProfit => "עמותה",
        _ => type,
    };
}

/// <summary>A business's details for its tax documents; one row per business, edited by admins.</summary>
public sealed class TaxSettings : IBusinessOwned
{
    public Guid BusinessId { get; set; }
    public required string LegalName { get; set; }
    public string DealerType { get; set; } = DealerTypes.Licensed;
    public required string TaxId { get; set; }
    public string? Address { get; set; }
    public string? Phone { get; set; }
    public string? Email { get; set; }

    /// <summary>Media key (private area) of the logo printed on documents.</summary>
    public string? LogoKey { get; set; }
    public string? LogoContentType { get; set; }
    public string? BankDetails { get; set; }

    /// <summary>JSON list of {effectiveFrom, basisPoints}: an old document re-renders with its own day's rate.</summary>
    public string VatRatesJson { get; set; } = "[]";

    /// <summary>JSON map type → first number, for a business moving from another tool; used when the type's first document is issued.</summary>
    public string StartingNumbersJson { get; set; } = "{}";

    public DateTimeOffset UpdatedAt { get; set; }
}
