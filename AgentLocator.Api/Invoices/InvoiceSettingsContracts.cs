namespace AgentLocator.Api.Invoices;

/// <summary>A VAT rate from a day on; <c>ratePercent</c> with at most two decimals (18, 17.5).</summary>
public sealed record VatRateDto(DateOnly? EffectiveFrom, decimal? RatePercent);

/// <summary>The business's details for its tax documents. Every field is sent each time (PUT replaces).</summary>
public sealed record InvoiceSettingsRequest(
    string? LegalName,
    string? DealerType,
    string? TaxId,
    string? Address,
    string? Phone,
    string? Email,
    string? BankDetails,
    IReadOnlyList<VatRateDto>? VatRates,
    IReadOnlyDictionary<string, int>? StartingNumbers);

/// <param name="Configured">False until an admin first saves them; the other fields are then defaults.</param>
/// <param name="NumberingStarted">Types whose first document is issued: their starting number can no longer change.</param>
public sealed record InvoiceSettingsResponse(
    bool Configured,
    string LegalName,
    string DealerType,
    string DealerTypeName,
    string TaxId,
    string? Address,
    string? Phone,
    string? Email,
    string? BankDetails,
    string? LogoUrl,
    IReadOnlyList<VatRateDto> VatRates,
    decimal? CurrentVatPercent,
    IReadOnlyDictionary<string, int> StartingNumbers,
    IReadOnlyList<string> NumberingStarted);

/// <param name="Configured">False until an admin saves the tax details: documents cannot be issued before.</param>
public sealed record DocumentDefaultsResponse(bool Configured, string DealerType, decimal? CurrentVatPercent);
