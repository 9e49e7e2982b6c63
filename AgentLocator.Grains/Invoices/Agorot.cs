namespace AgentLocator.Grains.Invoices;

/// <summary>
/// Money is whole agorot (long). THE rounding rule, the only one in tax documents: an exact decimal amount becomes
/// agorot by rounding half away from zero, once, where a figure is first stated — a line's quantity × unit price, and the
/// document's VAT split (<see cref="DocumentTotals"/>). Nothing rounded is rounded again, and every total is a sum of
/// integers, so the document's figures always add up.
/// </summary>
public static class Agorot
{
    public static long Round(decimal exact) => (long)decimal.Round(exact, 0, MidpointRounding.AwayFromZero);

    /// <summary>"1,234.50" for 123450 (the invariant digits; the PDF and the web add ₪ and the locale).</summary>
    public static string Format(long agorot)
    {
        var sign = agorot < 0 ? "-" : "";
        var abs = Math.Abs(agorot);
        return sign + (abs / 100).ToString("N0", System.Globalization.CultureInfo.InvariantCulture) + "." + (abs % 100).ToString("00", System.Globalization.CultureInfo.InvariantCulture);
    }
}

/// <summary>One line as entered: quantity, unit price and discount (agorot) in the document's price basis.</summary>
public sealed record LineInput(string Description, decimal Quantity, long UnitPriceAgorot, long DiscountAgorot);

/// <summary>A document's figures: each line's amount, then subtotal (before VAT) + VAT = total.</summary>
public sealed record DocumentTotals(IReadOnlyList<long> LineAmounts, long SubtotalAgorot, long VatAgorot, long TotalAgorot)
{
    /// <summary>
    /// Line amount = round(quantity × unit price) − discount. The lines' sum S is in the document's basis. Prices
    /// excluding VAT: subtotal = S, VAT = round(S × rate), total = subtotal + VAT. Prices including VAT: total = S
    /// (what the customer was quoted), subtotal = round(S / (1 + rate)), VAT = total − subtotal. Either way VAT is
    /// within one agora of rate × subtotal (at most 0.5 and 0.59 agora respectively).
    /// </summary>
    public static DocumentTotals Compute(IReadOnlyList<LineInput> lines, int vatBasisPoints, bool pricesIncludeVat)
    {
        var amounts = lines.Select(line => LineAmount(line)).ToList();
        var sum = amounts.Sum();
        var rate = vatBasisPoints / 10_000m;
        if (pricesIncludeVat)
        {
            var subtotal = Agorot.Round(sum / (1 + rate));
            return new DocumentTotals(amounts, subtotal, sum - subtotal, sum);
        }
        var vat = Agorot.Round(sum * rate);
        return new DocumentTotals(amounts, sum, vat, sum + vat);
    }

    public static long LineAmount(LineInput line) => Agorot.Round(line.Quantity * line.UnitPriceAgorot) - line.DiscountAgorot;
}
