using System.Text.Json;

namespace AgentLocator.Grains.Invoices;

/// <summary>A VAT rate from a day on, in basis points (1800 = 18%).</summary>
public sealed record VatRate(DateOnly EffectiveFrom, int BasisPoints);

public static class VatRates
{
    /// <summary>Israel's standard rate since 2025-01-01; a business's history starts from it unless an admin changes it.</summary>
    public static IReadOnlyList<VatRate> Default { get; } = [new(new DateOnly(2025, 1, 1), 1800)];

    /// <summary>The rate of the latest entry on or before <paramref name="day"/>; null when the history starts later.</summary>
    public static int? On(IReadOnlyList<VatRate> history, DateOnly day) =>
        history.Where(rate => rate.EffectiveFrom <= day).OrderByDescending(rate => rate.EffectiveFrom).FirstOrDefault()?.BasisPoints;

    public static IReadOnlyList<VatRate> Parse(string json) =>
        JsonSerializer.Deserialize<List<VatRate>>(json, JsonSerializerOptions.Web) is { Count: > 0 } rates ? rates : Default;

    public static string Serialize(IEnumerable<VatRate> rates) =>
        JsonSerializer.Serialize(rates.OrderBy(rate => rate.EffectiveFrom).ToList(), JsonSerializerOptions.Web);
}

/// <summary>From a day on, tax invoices to a VAT-registered customer above this amount before VAT need an allocation number.</summary>
public sealed record AllocationThreshold(DateOnly EffectiveFrom, long AmountAgorot);

/// <summary>
/// When the Tax Authority's allocation number (מספר הקצאה) is needed: a tax invoice (or tax invoice-receipt) issued by a
/// VAT-registered business to a customer with a tax id, whose amount before VAT is above the threshold in force on the
/// document's date. Before the first threshold no number is needed. Thresholds come from <c>Invoices:AllocationThresholds</c>.
/// </summary>
public sealed class AllocationRule(IReadOnlyList<AllocationThreshold> thresholds)
{
    /// <summary>The Authority's published steps: 10,000 NIS from 2026-01-01, 5,000 NIS from 2026-06-01.</summary>
    public static IReadOnlyList<AllocationThreshold> Published { get; } =
    [
        new(new DateOnly(2026, 1, 1), 1_000_000),
        new(new DateOnly(2026, 6, 1), 500_000),
    ];

    public static AllocationRule Default { get; } = new(Published);

    public long? ThresholdOn(DateOnly day) =>
        thresholds.Where(step => step.EffectiveFrom <= day).OrderByDescending(step => step.EffectiveFrom).FirstOrDefault()?.AmountAgorot;

    public bool Requires(string documentType, string? customerTaxId, long subtotalAgorot, DateOnly documentDate) =>
        Data.Entities.TaxDocumentTypes.IsInvoice(documentType)
        && !string.IsNullOrEmpty(customerTaxId)
        && ThresholdOn(documentDate) is { } threshold
        && subtotalAgorot > threshold;
}
