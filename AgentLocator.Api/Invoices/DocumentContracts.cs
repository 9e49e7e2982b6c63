using AgentLocator.Grains.Data.Entities;
using AgentLocator.Grains.Invoices;

namespace AgentLocator.Api.Invoices;

// Amounts on the wire are whole agorot (integers), as stored: the web formats them as ₪ with two decimals.

public sealed record DocumentLineDto(string? Description, decimal? Quantity, long? UnitPriceAgorot, long? DiscountAgorot);

public sealed record DocumentPaymentDto(string? Method, long? AmountAgorot, DateOnly? PaidOn, string? Bank, string? Branch, string? Account,
    string? ChequeNumber, string? CardLastDigits, string? AppName, string? Reference);

/// <summary>A draft's whole content (POST creates, PUT replaces). <c>referencedDocumentId</c>: the invoice a credit credits or a receipt pays.</summary>
public sealed record DocumentRequest(
    string? Type,
    Guid? CustomerId,
    DateOnly? DocumentDate,
    bool? PricesIncludeVat,
    IReadOnlyList<DocumentLineDto>? Lines,
    IReadOnlyList<DocumentPaymentDto>? Payments,
    Guid? ReferencedDocumentId,
    string? Notes,
    string? CustomerTaxId,
    string? CustomerAddress);

public sealed record ConvertRequest(string? Type);

public sealed record DocumentCustomer(Guid Id, string Name, string? TaxId, string? Address);

public sealed record DocumentLineResponse(int Position, string Description, decimal Quantity, long UnitPriceAgorot, long DiscountAgorot, long AmountAgorot);

public sealed record DocumentPaymentResponse(int Position, string Method, string MethodName, long AmountAgorot, DateOnly PaidOn, string? Bank,
    string? Branch, string? Account, string? ChequeNumber, string? CardLastDigits, string? AppName, string? Reference);

/// <summary>For invoices: what is credited and paid (summed from the documents that name it) and what is still open.</summary>
public sealed record DocumentBalance(long CreditedAgorot, long PaidAgorot, long OpenAgorot, long CreditableAgorot);

public sealed record DocumentResponse(
    Guid Id,
    string Type,
    string TypeName,
    string Status,
    int? Number,
    DateOnly DocumentDate,
    DocumentCustomer Customer,
    bool PricesIncludeVat,
    decimal VatRatePercent,
    long SubtotalAgorot,
    long VatAgorot,
    long TotalAgorot,
    string Currency,
    IReadOnlyList<DocumentLineResponse> Lines,
    IReadOnlyList<DocumentPaymentResponse> Payments,
    Guid? ReferencedDocumentId,
    Guid? SourceDocumentId,
    string? Notes,
    string? AllocationNumber,
    DateTimeOffset CreatedAt,
    DateTimeOffset? IssuedAt,
    DocumentBalance? Balance,
    int Outputs)
{
    /// <summary>The allocation-number request of a document that needs one: state, the reason it waits, attempts.</summary>
    public DocumentAllocation? Allocation { get; init; }

    public static DocumentResponse From(TaxDocument d, InvoiceBalance? balance, int outputs) => new(
        d.Id, d.Type, TaxDocumentTypes.Hebrew(d.Type), d.Status, d.Number, d.DocumentDate,
        new DocumentCustomer(d.CustomerId, d.CustomerName, d.CustomerTaxId, d.CustomerAddress), d.PricesIncludeVat, d.VatRateBasisPoints / 100m,
        d.SubtotalAgorot, d.VatAgorot, d.TotalAgorot, d.Currency,
        [.. d.Lines.OrderBy(l => l.Position).Select(l => new DocumentLineResponse(l.Position, l.Description, l.Quantity, l.UnitPriceAgorot, l.DiscountAgorot, l.AmountAgorot))],
        [.. d.Payments.OrderBy(p => p.Position).Select(p => new DocumentPaymentResponse(p.Position, p.Method, PaymentMethods.Hebrew(p.Method), p.AmountAgorot,
            p.PaidOn, p.Bank, p.Branch, p.Account, p.ChequeNumber, p.CardLastDigits, p.AppName, p.Reference))],
        d.ReferencedDocumentId, d.SourceDocumentId, d.Notes, d.AllocationNumber, d.CreatedAt.ToUniversalTime(), d.IssuedAt?.ToUniversalTime(),
        balance is null ? null : new DocumentBalance(balance.CreditedAgorot, balance.PaidAgorot, balance.OpenAgorot, balance.CreditableAgorot),
        outputs);
}

/// <summary>state is pending, refused or granted; the times are UTC.</summary>
public sealed record DocumentAllocation(string State, string? Reason, int Attempts, DateTimeOffset? LastAttemptAt, DateTimeOffset? NextAttemptAt);

/// <summary>A row of the documents list.</summary>
public sealed record DocumentListItem(
    Guid Id, string Type, string TypeName, string Status, int? Number, DateOnly DocumentDate, Guid CustomerId, string CustomerName,
    long SubtotalAgorot, long VatAgorot, long TotalAgorot, DateTimeOffset? IssuedAt);

/// <summary>A public link to the document's PDF: shown once (only its hash is kept).</summary>
public sealed record DocumentLinkResponse(string Url, DateTimeOffset ExpiresAt);
