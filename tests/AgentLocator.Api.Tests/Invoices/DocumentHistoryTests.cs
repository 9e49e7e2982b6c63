using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AgentLocator.Api.Invoices;
using AgentLocator.Api.Tests.Infrastructure;

namespace AgentLocator.Api.Tests.Invoices;

/// <summary>A document's history: issued, sent (channel), opened (once per link), paid by receipts, credited, in time order.</summary>
[Collection(TaxAuthorityCollection.Name)]
public sealed class DocumentHistoryTests(TaxAuthorityFixture api)
{
    private static async Task<List<DocumentHistoryEvent>> HistoryAsync(ApiClient client, Guid id)
    {
        var response = await client.Http.GetAsync($"/api/invoices/documents/{id}/history");
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return [.. (await response.Content.ReadFromJsonAsync<DocumentHistoryResponse>(JsonSerializerOptions.Web))!.Events];
    }

    [Fact]
    public async Task An_invoice_s_history_lists_its_issue_send_opening_payment_and_credit_in_time_order()
    {
        using var client = await api.BillingBusinessAsync();
        var customer = await client.CreateCustomerAsync(new { name = "דנה היסטוריה", phone = "054-555-4321" });
        var invoice = await client.IssuedAsync(InvoiceApiExtensions.Invoice(customer.Id, 100_000));
        Assert.Equal([DocumentHistory.Issued], (await HistoryAsync(client, invoice.Id)).Select(e => e.Kind));

        var send = await client.Http.PostAsJsonAsync($"/api/invoices/documents/{invoice.Id}/send", new { channel = "sms" });
        Assert.Equal(HttpStatusCode.OK, send.StatusCode);
        var body = api.Messages.Sends.All.Last(s => s.To == "+972545554321").Body ?? "";
        var url = new Uri(body[body.IndexOf("http", StringComparison.Ordinal)..].Trim());
        using var anonymous = new HttpClient { BaseAddress = api.ServerAddress };
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(url.PathAndQuery)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(url.PathAndQuery)).StatusCode);

        var receipt = await client.IssuedAsync(new
        {
            type = "receipt", customerId = customer.Id, referencedDocumentId = invoice.Id,
            payments = new[] { new { method = "cash", amountAgorot = 50_000L } },
        });
        var credit = await client.IssuedAsync(new
        {
            type = "credit_invoice", customerId = customer.Id, referencedDocumentId = invoice.Id,
            lines = new[] { new { description = "זיכוי", quantity = 1m, unitPriceAgorot = 10_000L } },
        });
        // A draft receipt for the invoice is not a payment.
        await client.DraftAsync(new
        {
            type = "receipt", customerId = customer.Id, referencedDocumentId = invoice.Id,
            payments = new[] { new { method = "cash", amountAgorot = 1_000L } },
        });

        var history = await HistoryAsync(client, invoice.Id);

        Assert.Equal([DocumentHistory.Issued, DocumentHistory.Sent, DocumentHistory.Opened, DocumentHistory.Paid, DocumentHistory.Credited],
            history.Select(e => e.Kind));
        Assert.Equal(history.OrderBy(e => e.At).Select(e => e.At), history.Select(e => e.At));
        Assert.Equal("ב-SMS אל 054-555-4321", history[1].Detail);
        Assert.NotNull(history[0].Actor);
        Assert.Equal((receipt.Id, receipt.Number, 50_000L), (history[3].RelatedDocumentId!.Value, history[3].RelatedNumber, history[3].AmountAgorot!.Value));
        Assert.Equal((credit.Id, "credit_invoice"), (history[4].RelatedDocumentId!.Value, history[4].RelatedType));
        // The opening is on the customer's timeline too.
        var timeline = await client.Http.GetFromJsonAsync<JsonElement>($"/api/crm/customers/{customer.Id}/timeline?kind=invoice");
        Assert.Single(timeline.GetProperty("items").EnumerateArray(),
            i => i.GetProperty("title").GetString() == $"חשבונית מס {invoice.Number} נפתחה על ידי הלקוח");
    }

    [Fact]
    public async Task A_quote_shows_its_conversion_a_draft_has_no_history_and_another_business_gets_404()
    {
        using var client = await api.BillingBusinessAsync();
        var customer = await client.CreateCustomerAsync(new { name = "לקוח הצעה" });
        var quote = await client.IssuedAsync(new
        {
            type = "quote", customerId = customer.Id,
            lines = new[] { new { description = "פרויקט", quantity = 1m, unitPriceAgorot = 10_000L } },
        });
        var converted = await client.Http.PostAsJsonAsync($"/api/invoices/documents/{quote.Id}/convert", new { type = "tax_invoice" });
        var draft = (await converted.Content.ReadFromJsonAsync<DocumentResponse>(JsonSerializerOptions.Web))!;

        var history = await HistoryAsync(client, quote.Id);
        Assert.Equal([DocumentHistory.Issued, DocumentHistory.Converted], history.Select(e => e.Kind));
        Assert.Equal((draft.Id, (int?)null), (history[1].RelatedDocumentId!.Value, history[1].RelatedNumber));
        Assert.Empty(await HistoryAsync(client, draft.Id));

        using var stranger = await api.BillingBusinessAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Http.GetAsync($"/api/invoices/documents/{quote.Id}/history")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.Http.GetAsync($"/api/invoices/documents/{Guid.NewGuid()}/history")).StatusCode);
    }
}
