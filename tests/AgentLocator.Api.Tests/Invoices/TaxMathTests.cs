using AgentLocator.Grains.Invoices;
using CsCheck;

namespace AgentLocator.Api.Tests.Invoices;

public sealed class TaxMathTests
{
    private static readonly Gen<LineInput> Line =
        Gen.Select(Gen.Int[1, 100_000], Gen.Long[0, 10_000_000], Gen.Int[0, 100], (thousandths, price, discountPercent) =>
        {
            var quantity = thousandths / 1000m;
            var gross = Agorot.Round(quantity * price);
            return new LineInput("שורה", quantity, price, gross * discountPercent / 100);
        });

    private static readonly Gen<int> Rate = Gen.OneOf(Gen.Const(1800), Gen.Const(1700), Gen.Const(0), Gen.Int[0, 2500]);

    [Fact]
    public void Totals_always_equal_the_sum_of_the_lines_and_VAT_is_within_one_agora_of_rate_times_base()
    {
        Gen.Select(Line.List[1, 30], Rate, Gen.Bool).Sample((lines, basisPoints, includesVat) =>
        {
            var totals = DocumentTotals.Compute(lines, basisPoints, includesVat);
            var sum = totals.LineAmounts.Sum();
            Assert.Equal(lines.Select(DocumentTotals.LineAmount), totals.LineAmounts);
            Assert.Equal(totals.TotalAgorot, totals.SubtotalAgorot + totals.VatAgorot);
            Assert.Equal(sum, includesVat ? totals.TotalAgorot : totals.SubtotalAgorot);
            Assert.True(Math.Abs(totals.VatAgorot - totals.SubtotalAgorot * basisPoints / 10_000m) < 1m,
                $"VAT {totals.VatAgorot} on {totals.SubtotalAgorot} at {basisPoints}bp");
        });
    }

    [Theory]
    [InlineData(1, 10_000, 0, 1800, false, 10_000, 1_800, 11_800)]
    [InlineData(3, 333, 0, 1800, false, 999, 180, 1_179)]          // 179.82 → 180
    [InlineData(1, 11_800, 0, 1800, true, 10_000, 1_800, 11_800)]
    [InlineData(1, 100, 0, 1800, true, 85, 15, 100)]               // 84.746 → 85 before VAT
    [InlineData(2.5, 101, 0, 1800, false, 253, 46, 299)]           // 252.5 → 253 (half away from zero); 45.54 → 46
    [InlineData(1, 50_000, 5_000, 1800, false, 45_000, 8_100, 53_100)]
    public void The_rounding_rule_on_known_figures(decimal quantity, long price, long discount, int basisPoints, bool includesVat,
        long subtotal, long vat, long total)
    {
        var totals = DocumentTotals.Compute([new LineInput("x", quantity, price, discount)], basisPoints, includesVat);

        Assert.Equal((subtotal, vat, total), (totals.SubtotalAgorot, totals.VatAgorot, totals.TotalAgorot));
    }

    [Theory]
    [InlineData("516179157", "516179157")]
    [InlineData("000000018", "000000018")]
    [InlineData("18", "000000018")]
    [InlineData("039337423", "039337423")]
    [InlineData("516179158", null)]
    [InlineData("12345678a", null)]
    [InlineData("1234567890", null)]
    [InlineData("000000000", null)]
    [InlineData("", null)]
    public void Tax_ids_need_nine_digits_and_the_check_digit(string input, string? expected) =>
        Assert.Equal(expected, TaxIds.Normalize(input));

    [Theory]
    [InlineData("2025-12-31", 50_000_000, true, false)]   // before the first threshold: never
    [InlineData("2026-01-01", 1_000_000, true, false)]    // exactly 10,000 is not above it
    [InlineData("2026-01-01", 1_000_001, true, true)]
    [InlineData("2026-05-31", 600_000, true, false)]
    [InlineData("2026-06-01", 500_001, true, true)]       // 5,000 from June
    [InlineData("2026-06-01", 500_000, true, false)]
    [InlineData("2026-07-01", 900_000, false, false)]     // a customer without a tax id
    public void An_allocation_number_is_needed_above_the_threshold_of_the_documents_day(string day, long subtotal, bool customerHasTaxId, bool needed)
    {
        var rule = AllocationRule.Default;

        Assert.Equal(needed, rule.Requires("tax_invoice", customerHasTaxId ? "516179157" : null, subtotal, DateOnly.Parse(day)));
        Assert.Equal(needed, rule.Requires("tax_invoice_receipt", customerHasTaxId ? "516179157" : null, subtotal, DateOnly.Parse(day)));
        Assert.False(rule.Requires("quote", "516179157", subtotal, DateOnly.Parse(day)));
        Assert.False(rule.Requires("receipt", "516179157", subtotal, DateOnly.Parse(day)));
    }

    [Fact]
    public void Thresholds_come_from_configuration_when_given()
    {
        var rule = new AllocationRule([new AllocationThreshold(new DateOnly(2027, 1, 1), 200_000)]);

        Assert.False(rule.Requires("tax_invoice", "516179157", 300_000, new DateOnly(2026, 12, 31)));
        Assert.True(rule.Requires("tax_invoice", "516179157", 300_000, new DateOnly(2027, 1, 1)));
    }

    [Fact]
    public void The_vat_rate_of_a_day_is_the_latest_that_started_by_then()
    {
        IReadOnlyList<VatRate> history = [new(new DateOnly(2015, 10, 1), 1700), new(new DateOnly(2025, 1, 1), 1800)];

        Assert.Null(VatRates.On(history, new DateOnly(2015, 9, 30)));
        Assert.Equal(1700, VatRates.On(history, new DateOnly(2024, 12, 31)));
        Assert.Equal(1800, VatRates.On(history, new DateOnly(2025, 1, 1)));
    }

    [Theory]
    [InlineData(0, "0.00")]
    [InlineData(5, "0.05")]
    [InlineData(123450, "1,234.50")]
    [InlineData(-100000000, "-1,000,000.00")]
    public void Agorot_format_with_invariant_digits(long agorot, string text) => Assert.Equal(text, Agorot.Format(agorot));
}
