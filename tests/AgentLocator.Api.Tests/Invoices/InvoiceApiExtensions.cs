using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AgentLocator.Api.Invoices;
using AgentLocator.Api.Tests.Infrastructure;

namespace AgentLocator.Api.Tests.Invoices;

/// <summary>A business of its own with its tax details saved, signed in as its admin: what every documents test starts from.</summary>
public static class InvoiceApiExtensions
{
    public const string BusinessTaxId = "516179157"; // a valid check digit

    public static async Task<ApiClient> BillingBusinessAsync(this AgentLocatorApiFactory api, string dealerType = "company",
        IReadOnlyDictionary<string, int>? startingNumbers = null, IEnumerable<AgentLocator.Grains.Features.Feature>? plan = null)
    {
        var (_, admin) = await api.CreateBusinessAsync(plan);
        var client = new ApiClient(api);
        await client.SignInAsync(admin.Email);
        var response = await client.Http.PutAsJsonAsync("/api/invoices/settings", new
        {
            legalName = "אור שירותים בע\"מ",
            dealerType,
            taxId = BusinessTaxId,
            address = "הרצל 1, תל אביב",
            phone = "03-1234567",
            bankDetails = "בנק 12 סניף 345 חשבון 678901",
            vatRates = new[] { new { effectiveFrom = "2025-01-01", ratePercent = 18m } },
            startingNumbers,
        });
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return client;
    }

    public static async Task<HttpResponseMessage> PostDraftAsync(this ApiClient client, object body) =>
        await client.Http.PostAsJsonAsync("/api/invoices/documents", body);

    public static async Task<DocumentResponse> DraftAsync(this ApiClient client, object body)
    {
        var response = await client.PostDraftAsync(body);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<DocumentResponse>(JsonSerializerOptions.Web))!;
    }

    public static async Task<HttpResponseMessage> PostIssueAsync(this ApiClient client, Guid id) =>
        await client.Http.PostAsync($"/api/invoices/documents/{id}/issue", null);

    public static async Task<DocumentResponse> IssueAsync(this ApiClient client, Guid id)
    {
        var response = await client.PostIssueAsync(id);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<DocumentResponse>(JsonSerializerOptions.Web))!;
    }

    public static async Task<DocumentResponse> IssuedAsync(this ApiClient client, object body) => await client.IssueAsync((await client.DraftAsync(body)).Id);

    /// <summary>A tax invoice of one line, the amount before VAT.</summary>
    public static object Invoice(Guid customerId, long agorotBeforeVat, string? customerTaxId = null, string date = "2026-12-01") => new
    {
        type = "tax_invoice", customerId, documentDate = date, customerTaxId,
        lines = new[] { new { description = "ייעוץ", quantity = 1m, unitPriceAgorot = agorotBeforeVat } },
    };

    public static async Task<byte[]> PdfAsync(this ApiClient client, Guid id)
    {
        var response = await client.Http.GetAsync($"/api/invoices/documents/{id}/pdf");
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsByteArrayAsync();
    }
}
