namespace AgentLocator.Grains.Invoices;

/// <summary>A draft as the API hands it over, shape already checked (lengths, formats); the writer applies the rules.</summary>
public sealed record DocumentDraft(
    string Type,
    Guid CustomerId,
    DateOnly? DocumentDate,
    bool PricesIncludeVat,
    IReadOnlyList<LineInput> Lines,
    IReadOnlyList<PaymentInput> Payments,
    Guid? ReferencedDocumentId,
    string? Notes,
    string? CustomerTaxId,
    string? CustomerAddress);

public sealed record PaymentInput(string Method, long AmountAgorot, DateOnly? PaidOn, string? Bank, string? Branch, string? Account,
    string? ChequeNumber, string? CardLastDigits, string? AppName, string? Reference);
