using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AgentLocator.Api.Invoices;
using AgentLocator.Api.Tests.Infrastructure;
using AgentLocator.Grains.Data.Entities;
using AgentLocator.Grains.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace AgentLocator.Api.Tests.Invoices;

/// <summary>
/// A document's link by WhatsApp: the fake Twilio receives the Messages form with <c>whatsapp:</c> addresses, only from the
/// business's sender and inside the customer's 24-hour window, only for a user with the whatsapp feature.
/// </summary>
[Collection(TaxAuthorityCollection.Name)]
public sealed class DocumentWhatsAppSendTests(TaxAuthorityFixture api)
{
    private async Task<(ApiClient Client, Guid BusinessId, string Sender)> WhatsAppBillingBusinessAsync(IEnumerable<Feature>? plan = null)
    {
        var client = await api.BillingBusinessAsync(plan: plan);
        var me = await client.Http.GetFromJsonAsync<JsonElement>("/api/me");
        var businessId = me.GetProperty("business").GetProperty("id").GetGuid();
        var sender = "+97233" + Random.Shared.Next(100000, 999999);
        await using var db = api.CreateDbContext();
        await db.Businesses.Where(b => b.Id == businessId).ExecuteUpdateAsync(s => s.SetProperty(b => b.WhatsAppNumber, sender));
        return (client, businessId, sender);
    }

    /// <summary>The customer wrote to the business on WhatsApp <paramref name="ago"/> (what the inbound webhook stores).</summary>
    private async Task WroteOnWhatsAppAsync(Guid businessId, Guid customerId, string from, string to, TimeSpan ago)
    {
        await using var db = api.CreateDbContext(businessId);
        var at = DateTimeOffset.UtcNow - ago;
        db.WhatsAppMessages.Add(new WhatsAppMessage
        {
            Id = Guid.CreateVersion7(), BusinessId = businessId, CustomerId = customerId, Direction = WhatsAppDirection.Inbound,
            MessageSid = "SM" + Guid.NewGuid().ToString("N"), From = from, To = to, Body = "שלום", Status = WhatsAppStatus.Received,
            CreatedAt = at, UpdatedAt = at,
        });
        await db.SaveChangesAsync();
    }

    private static Task<HttpResponseMessage> SendAsync(ApiClient client, Guid id, string channel) =>
        client.Http.PostAsJsonAsync($"/api/invoices/documents/{id}/send", new { channel });

    [Fact]
    public async Task Inside_the_window_the_link_goes_by_WhatsApp_opens_the_pdf_and_is_on_the_timeline_and_audit_log()
    {
        var (client, businessId, sender) = await WhatsAppBillingBusinessAsync();
        var phone = CustomerApiExtensions.NextMobile();
        var customer = await client.CreateCustomerAsync(new { name = "דנה כהן", phone });
        var invoice = await client.IssuedAsync(InvoiceApiExtensions.Invoice(customer.Id, 10_000));
        await WroteOnWhatsAppAsync(businessId, customer.Id, phone, sender, TimeSpan.FromHours(3));

        var response = await SendAsync(client, invoice.Id, "whatsapp");

        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var sent = (await response.Content.ReadFromJsonAsync<DocumentSendResponse>(JsonSerializerOptions.Web))!;
        Assert.Equal(("whatsapp", phone), (sent.Channel, sent.To));
        var message = Assert.Single(api.Messages.Sends.All, s => s.To == "whatsapp:" + phone);
        Assert.Equal(("whatsapp:" + sender, 201), (message.From, message.Status));
        Assert.Null(message.ContentSid);
        Assert.Contains($"חשבונית מס {invoice.Number}", message.Body);
        Assert.DoesNotContain(api.Messages.Sends.All, s => s.To == phone);
        var body = message.Body ?? "";
        using var anonymous = new HttpClient { BaseAddress = api.ServerAddress };
        var pdf = await anonymous.GetAsync(new Uri(body[body.IndexOf("http", StringComparison.Ordinal)..].Trim()).PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);

        var timeline = await client.Http.GetFromJsonAsync<JsonElement>($"/api/crm/customers/{customer.Id}/timeline?kind=invoice");
        Assert.Contains(timeline.GetProperty("items").EnumerateArray(), i => i.GetProperty("summary").GetString()?.StartsWith("ב-WhatsApp") == true);
        var audited = await api.AuditRowsAboutAsync(invoice.Id);
        Assert.Equal("tax-document-sent", audited[^1].Action);
        Assert.Equal("whatsapp", JsonDocument.Parse(audited[^1].DetailsJson).RootElement.GetProperty("channel").GetString());
    }

    [Fact]
    public async Task Outside_the_window_or_without_a_sender_WhatsApp_is_a_Hebrew_422_and_nothing_is_sent()
    {
        var (client, businessId, sender) = await WhatsAppBillingBusinessAsync();
        var phone = CustomerApiExtensions.NextMobile();
        var customer = await client.CreateCustomerAsync(new { name = "דנה כהן", phone });
        var invoice = await client.IssuedAsync(InvoiceApiExtensions.Invoice(customer.Id, 10_000));
        await WroteOnWhatsAppAsync(businessId, customer.Id, phone, sender, TimeSpan.FromHours(25));

        var closed = await SendAsync(client, invoice.Id, "whatsapp");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, closed.StatusCode);
        Assert.Equal("application/problem+json", closed.Content.Headers.ContentType?.MediaType);
        Assert.Contains("24 השעות", (await closed.Content.ReadFromJsonAsync<ProblemDetails>(JsonSerializerOptions.Web))!.Title);

        await using (var db = api.CreateDbContext())
        {
            await db.Businesses.Where(b => b.Id == businessId).ExecuteUpdateAsync(s => s.SetProperty(b => b.WhatsAppNumber, (string?)null));
        }
        var noSender = await SendAsync(client, invoice.Id, "whatsapp");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noSender.StatusCode);
        Assert.Contains("אין מספר WhatsApp", (await noSender.Content.ReadFromJsonAsync<ProblemDetails>(JsonSerializerOptions.Web))!.Title);

        Assert.DoesNotContain(api.Messages.Sends.All, s => s.To == "whatsapp:" + phone || s.To == phone);
        Assert.Equal(["tax-document-issued"], await api.AuditActionsAboutAsync(invoice.Id));
    }

    [Fact]
    public async Task Twilio_refusing_the_send_is_explained_as_the_WhatsApp_thread_does_and_not_recorded_as_sent()
    {
        var (client, businessId, sender) = await WhatsAppBillingBusinessAsync();
        var phone = CustomerApiExtensions.NextMobile();
        var customer = await client.CreateCustomerAsync(new { name = "דנה כהן", phone });
        var invoice = await client.IssuedAsync(InvoiceApiExtensions.Invoice(customer.Id, 10_000));
        await WroteOnWhatsAppAsync(businessId, customer.Id, phone, sender, TimeSpan.FromMinutes(5));
        api.Messages.RefuseNext(63003, "Channel could not find the To address.");

        var response = await SendAsync(client, invoice.Id, "whatsapp");

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        var problem = (await response.Content.ReadFromJsonAsync<ProblemDetails>(JsonSerializerOptions.Web))!;
        Assert.Equal("המספר אינו רשום ב-WhatsApp.", problem.Detail);
        Assert.Equal(["tax-document-issued"], await api.AuditActionsAboutAsync(invoice.Id));
    }

    [Fact]
    public async Task A_user_without_the_whatsapp_feature_gets_the_uniform_403_and_sms_stays_the_default()
    {
        var (client, businessId, sender) = await WhatsAppBillingBusinessAsync([Feature.Crm, Feature.Invoices]);
        var phone = CustomerApiExtensions.NextMobile();
        var customer = await client.CreateCustomerAsync(new { name = "דנה כהן", phone });
        var invoice = await client.IssuedAsync(InvoiceApiExtensions.Invoice(customer.Id, 10_000));
        await WroteOnWhatsAppAsync(businessId, customer.Id, phone, sender, TimeSpan.FromMinutes(5));

        var refused = await SendAsync(client, invoice.Id, "whatsapp");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.DoesNotContain(api.Messages.Sends.All, s => s.To == "whatsapp:" + phone);

        var byDefault = await client.Http.PostAsJsonAsync($"/api/invoices/documents/{invoice.Id}/send", new { });
        Assert.Equal(HttpStatusCode.OK, byDefault.StatusCode);
        Assert.Equal("sms", (await byDefault.Content.ReadFromJsonAsync<DocumentSendResponse>(JsonSerializerOptions.Web))!.Channel);
        Assert.Single(api.Messages.Sends.All, s => s.To == phone);
    }
}
