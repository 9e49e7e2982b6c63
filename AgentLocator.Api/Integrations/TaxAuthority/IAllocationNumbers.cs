namespace AgentLocator.Api.Integrations.TaxAuthority;

/// <summary>Asks the Tax Authority for a tax invoice's allocation number (מספר הקצאה).</summary>
public interface IAllocationNumbers
{
    Task<AllocationAnswer> RequestAsync(AllocationRequest request, CancellationToken cancellationToken);
}

/// <summary>
/// What the Authority is told: the invoice's own number, date, amounts and both parties' tax ids, and its lines. Amounts in
/// agorot; the client converts them to the wire's shekels.
/// </summary>
public sealed record AllocationRequest(
    Guid BusinessId,
    Guid DocumentId,
    string DocumentType,
    int Number,
    DateOnly DocumentDate,
    DateOnly IssueDate,
    string IssuerTaxId,
    string CustomerTaxId,
    string CustomerName,
    long SubtotalAgorot,
    long VatAgorot,
    long TotalAgorot,
    int VatRateBasisPoints,
    IReadOnlyList<AllocationLine> Lines);

public sealed record AllocationLine(int Position, string Description, decimal Quantity, long UnitPriceAgorot, long DiscountAgorot, long AmountAgorot);

public enum AllocationOutcome
{
    Granted,

    /// <summary>The Authority answered and said no: the reason usually needs a person.</summary>
    Refused,

    /// <summary>Not answered (down, timed out, not connected): tried again later.</summary>
    Unavailable,
}

public sealed record AllocationAnswer(AllocationOutcome Outcome, string? AllocationNumber, string? Reason)
{
    public static AllocationAnswer Granted(string number) => new(AllocationOutcome.Granted, number, null);
    public static AllocationAnswer Refused(string reason) => new(AllocationOutcome.Refused, null, reason);
    public static AllocationAnswer Unavailable(string reason) => new(AllocationOutcome.Unavailable, null, reason);
}
