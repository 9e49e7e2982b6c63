using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AgentLocator.Api.Invoices;
using AgentLocator.Api.Tests.Infrastructure;

namespace AgentLocator.Api.Tests.Invoices;

/// <summary>A document's link sent by SMS: Twilio's Messages API (the fake) receives the real form, and the send is on the timeline.</summary>
[Collection(TaxAuthorityCollection.Name)]
public sealed class DocumentSendTests(TaxAuthorityFixture api)
{
    [Fact]
    public async Task An_issued_documents_link_goes_by_sms_to_the_customer_and_opens_the_pdf()
    {
        using var client = await api.BillingBusinessAsync();
        var customer = await client.CreateCustomerAsync(new { name = "דנה כהן", phone = "054-555-1234" });
        var invoice = await client.IssuedAsync(InvoiceApiExtensions.Invoice(customer.Id, 10_000));

        var response = await client.Http.PostAsJsonAsync($"/api/invoices/documents/{invoice.Id}/send", new { channel = "sms" });

        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var sent = (await response.Content.ReadFromJsonAsync<DocumentSendResponse>(JsonSerializerOptions.Web))!;
        Assert.Equal("+972545551234", sent.To);
        var sms = Assert.Single(api.Messages.Sends.All, s => s.To == "+972545551234");
        Assert.Equal(TaxAuthorityFixture.SmsFrom, sms.From);
        Assert.Contains($"חשבונית מס {invoice.Number}", sms.Body);
        var body = sms.Body ?? "";
        var url = new Uri(body[body.IndexOf("http", StringComparison.Ordinal)..].Trim());
        using var anonymous = new HttpClient { BaseAddress = api.ServerAddress };
        var pdf = await anonymous.GetAsync(url.PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);

        var timeline = await client.Http.GetFromJsonAsync<JsonElement>($"/api/crm/customers/{customer.Id}/timeline?kind=invoice");
        var titles = timeline.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("title").GetString()).ToList();
        Assert.Contains($"חשבונית מס {invoice.Number} נשלחה ללקוח", titles);
        var sentEvent = timeline.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("invoice").GetProperty("change").GetString() == "sent");
        Assert.Equal(invoice.Id, sentEvent.GetProperty("invoice").GetProperty("documentId").GetGuid());
        var audited = await api.AuditRowsAboutAsync(invoice.Id);
        Assert.Equal(["tax-document-issued", "tax-document-sent"], audited.Select(row => row.Action));
        Assert.Contains("+972545551234", audited[1].DetailsJson);
    }

    [Fact]
    public async Task A_draft_is_not_sent_and_a_customer_without_a_phone_needs_one()
    {
        using var client = await api.BillingBusinessAsync();
        var customer = await client.CreateCustomerAsync(new { name = "ללא טלפון" });
        var draft = await client.DraftAsync(InvoiceApiExtensions.Invoice(customer.Id, 10_000));
        var invoice = await client.IssuedAsync(InvoiceApiExtensions.Invoice(customer.Id, 10_000));
        var before = api.Messages.Sends.Count;

        var ofDraft = await client.Http.PostAsJsonAsync($"/api/invoices/documents/{draft.Id}/send", new { channel = "sms" });
        var noPhone = await client.Http.PostAsJsonAsync($"/api/invoices/documents/{invoice.Id}/send", new { channel = "sms" });
        var badChannel = await client.Http.PostAsJsonAsync($"/api/invoices/documents/{invoice.Id}/send", new { channel = "fax", phone = "0545551234" });
        var missing = await client.Http.PostAsJsonAsync($"/api/invoices/documents/{Guid.NewGuid()}/send", new { channel = "sms", phone = "0545551234" });

        Assert.Equal(HttpStatusCode.Conflict, ofDraft.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noPhone.StatusCode);
        Assert.True((await noPhone.ProblemAsync()).GetProperty("errors").TryGetProperty("phone", out _));
        Assert.True((await badChannel.ProblemAsync()).GetProperty("errors").TryGetProperty("channel", out _));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(before, api.Messages.Sends.Count);

        var given = await client.Http.PostAsJsonAsync($"/api/invoices/documents/{invoice.Id}/send", new { channel = "sms", phone = "052-777-8899" });
        Assert.Equal(HttpStatusCode.OK, given.StatusCode);
        Assert.Contains(api.Messages.Sends.All, s => s.To == "+972527778899");
    }

    [Fact]
    public async Task Another_business_cannot_send_the_document()
    {
        using var client = await api.BillingBusinessAsync();
        var customer = await client.CreateCustomerAsync(new { name = "לקוח", phone = "054-555-9999" });
        var invoice = await client.IssuedAsync(InvoiceApiExtensions.Invoice(customer.Id, 10_000));
        using var other = await api.BillingBusinessAsync();

        var response = await other.Http.PostAsJsonAsync($"/api/invoices/documents/{invoice.Id}/send", new { channel = "sms" });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
