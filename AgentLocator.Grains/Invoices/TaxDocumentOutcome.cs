namespace AgentLocator.Grains.Invoices;

public enum TaxDocumentOutcomeKind
{
    Ok,
    NotFound,
    /// <summary>Fields that break a rule, by the name the caller spelled them (422).</summary>
    Invalid,
    /// <summary>The document's state forbids it (already issued, over the balance, needs an allocation number) (409).</summary>
    Conflict,
}

public sealed record TaxDocumentOutcome(TaxDocumentOutcomeKind Kind, Data.Entities.TaxDocument? Document = null,
    IDictionary<string, string[]>? Errors = null, string? Title = null, string? Detail = null)
{
    public static TaxDocumentOutcome Ok(Data.Entities.TaxDocument document) => new(TaxDocumentOutcomeKind.Ok, document);
    public static TaxDocumentOutcome NotFound { get; } = new(TaxDocumentOutcomeKind.NotFound);
    public static TaxDocumentOutcome Invalid(string field, string message) =>
        new(TaxDocumentOutcomeKind.Invalid, Errors: new Dictionary<string, string[]> { [field] = [message] }, Title: "The document is not valid.");
    public static TaxDocumentOutcome Conflict(string title, string? detail = null) => new(TaxDocumentOutcomeKind.Conflict, Title: title, Detail: detail);
}

/// <summary>The issuer as printed, copied onto a document at issue.</summary>
public sealed record IssuerSnapshot(string LegalName, string DealerType, string TaxId, string? Address, string? Phone, string? Email,
    string? BankDetails, string? LogoKey, string? LogoContentType);
