using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AgentLocator.Api.Invoices;
using AgentLocator.Api.Tests.Infrastructure;

namespace AgentLocator.Api.Tests.Invoices;

[Collection(ApiCollection.Name)]
public sealed class MonthlySummaryTests(AgentLocatorApiFactory api)
{
    [Fact]
    public async Task The_months_income_vat_received_and_open_balances_per_customer_add_up()
    {
        using var client = await api.BillingBusinessAsync();
        var dana = await client.CreateCustomerAsync(new { name = "דנה" });
        var yossi = await client.CreateCustomerAsync(new { name = "יוסי" });
        await client.IssuedAsync(InvoiceApiExtensions.Invoice(dana.Id, 20_000, date: "2026-11-20"));             // 23,600 open from November
        var invoice = await client.IssuedAsync(InvoiceApiExtensions.Invoice(dana.Id, 100_000, date: "2026-12-02")); // 118,000
        await client.IssuedAsync(new
        {
            type = "receipt", customerId = dana.Id, documentDate = "2026-12-10", referencedDocumentId = invoice.Id,
            payments = new[] { new { method = "transfer", amountAgorot = 50_000L } },
        });
        await client.IssuedAsync(new
        {
            type = "credit_invoice", customerId = dana.Id, documentDate = "2026-12-15", referencedDocumentId = invoice.Id,
            lines = new[] { new { description = "זיכוי", quantity = 1m, unitPriceAgorot = 10_000L } },
        });
        await client.IssuedAsync(new
        {
            type = "tax_invoice_receipt", customerId = yossi.Id, documentDate = "2026-12-20",
            lines = new[] { new { description = "שירות", quantity = 1m, unitPriceAgorot = 10_000L } },
            payments = new[] { new { method = "cash", amountAgorot = 11_800L } },
        });
        await client.DraftAsync(InvoiceApiExtensions.Invoice(yossi.Id, 999_999, date: "2026-12-21"));             // a draft counts for nothing
        await client.IssuedAsync(InvoiceApiExtensions.Invoice(yossi.Id, 70_000, date: "2027-01-01"));             // next month

        var summary = (await client.Http.GetFromJsonAsync<MonthlySummaryResponse>("/api/invoices/reports/monthly?month=2026-12", JsonSerializerOptions.Web))!;

        Assert.Equal((100_000L, 18_000L, 61_800L, 4), (summary.IncomeAgorot, summary.VatAgorot, summary.ReceivedAgorot, summary.DocumentCount));
        var ofDana = Assert.Single(summary.Customers, c => c.CustomerId == dana.Id);
        Assert.Equal((118_000L, 11_800L, 50_000L, 23_600L + 118_000 - 50_000 - 11_800),
            (ofDana.InvoicedAgorot, ofDana.CreditedAgorot, ofDana.ReceivedAgorot, ofDana.OpenBalanceAgorot));
        var ofYossi = Assert.Single(summary.Customers, c => c.CustomerId == yossi.Id);
        Assert.Equal((11_800L, 0L, 11_800L, 0L), (ofYossi.InvoicedAgorot, ofYossi.CreditedAgorot, ofYossi.ReceivedAgorot, ofYossi.OpenBalanceAgorot));

        var csv = await client.Http.GetAsync("/api/invoices/reports/monthly.csv?month=2026-12");
        Assert.True(csv.StatusCode == HttpStatusCode.OK, await csv.Content.ReadAsStringAsync());
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var text = Encoding.UTF8.GetString(await csv.Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF');
        var lines = text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains("דנה,1180.00,118.00,500.00,798.00", lines);
        Assert.Contains("יוסי,118.00,0.00,118.00,0.00", lines);
        Assert.Contains("\"הכנסות לפני מע\"\"מ\",1000.00,,,", lines);
        Assert.Contains("\"מע\"\"מ עסקאות\",180.00,,,", lines);
    }

    [Theory]
    [InlineData("")]
    [InlineData("2026-13")]
    [InlineData("december")]
    public async Task A_bad_month_is_400_naming_it(string month)
    {
        using var client = await api.BillingBusinessAsync();

        var response = await client.Http.GetAsync($"/api/invoices/reports/monthly?month={month}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.ProblemAsync()).GetProperty("errors").TryGetProperty("month", out _));
    }
}
