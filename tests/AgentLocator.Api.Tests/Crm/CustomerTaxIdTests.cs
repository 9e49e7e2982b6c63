using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AgentLocator.Api.Customers;
using AgentLocator.Api.Tests.Infrastructure;
using AgentLocator.Api.Tests.Invoices;

namespace AgentLocator.Api.Tests.Crm;

/// <summary>The customer's tax id (ע.מ. / ח.פ.) through the customers API: optional, nine digits with a valid check digit.</summary>
[Collection(ApiCollection.Name)]
public sealed class CustomerTaxIdTests(AgentLocatorApiFactory api)
{
    private const string ValidTaxId = "123456782";

    [Fact]
    public async Task A_tax_id_is_created_read_normalised_changed_and_cleared()
    {
        using var client = await api.BillingBusinessAsync();

        var created = await client.CreateCustomerAsync(new { name = "חברה בע\"מ", taxId = "516-179157" });
        Assert.Equal("516179157", created.TaxId);
        var read = await client.Http.GetFromJsonAsync<CustomerResponse>($"/api/crm/customers/{created.Id}", JsonSerializerOptions.Web);
        Assert.Equal("516179157", read!.TaxId);

        var changed = await client.Http.PatchAsJsonAsync($"/api/crm/customers/{created.Id}", new { taxId = ValidTaxId });
        Assert.Equal(ValidTaxId, (await changed.Content.ReadFromJsonAsync<CustomerResponse>(JsonSerializerOptions.Web))!.TaxId);
        var untouched = await client.Http.PatchAsJsonAsync($"/api/crm/customers/{created.Id}", new { city = "חיפה" });
        Assert.Equal(ValidTaxId, (await untouched.Content.ReadFromJsonAsync<CustomerResponse>(JsonSerializerOptions.Web))!.TaxId);
        var cleared = await client.Http.PatchAsJsonAsync($"/api/crm/customers/{created.Id}", new { taxId = (string?)null });
        Assert.Null((await cleared.Content.ReadFromJsonAsync<CustomerResponse>(JsonSerializerOptions.Web))!.TaxId);

        var without = await client.CreateCustomerAsync(new { name = "לקוח פרטי" });
        Assert.Null(without.TaxId);
    }

    [Theory]
    [InlineData("123456789")] // the check digit fails
    [InlineData("1234567890")] // ten digits
    [InlineData("12345678a")]
    public async Task A_bad_tax_id_is_422_naming_the_field_and_changes_nothing(string taxId)
    {
        using var client = await api.BillingBusinessAsync();

        var onCreate = await client.Http.PostAsJsonAsync("/api/crm/customers", new { name = "לקוח", taxId });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, onCreate.StatusCode);
        Assert.Equal("application/problem+json", onCreate.Content.Headers.ContentType?.MediaType);
        Assert.True((await onCreate.ProblemAsync()).GetProperty("errors").TryGetProperty("taxId", out _));

        var customer = await client.CreateCustomerAsync(new { name = "לקוח", taxId = ValidTaxId });
        var onPatch = await client.Http.PatchAsJsonAsync($"/api/crm/customers/{customer.Id}", new { taxId });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, onPatch.StatusCode);
        Assert.True((await onPatch.ProblemAsync()).GetProperty("errors").TryGetProperty("taxId", out _));
        var read = await client.Http.GetFromJsonAsync<CustomerResponse>($"/api/crm/customers/{customer.Id}", JsonSerializerOptions.Web);
        Assert.Equal(ValidTaxId, read!.TaxId);
    }

    [Fact]
    public async Task A_tax_id_of_the_wrong_kind_is_400()
    {
        using var client = await api.BillingBusinessAsync();

        var response = await client.Http.PostAsJsonAsync("/api/crm/customers", new { name = "לקוח", taxId = 123456782 });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.ProblemAsync()).GetProperty("errors").TryGetProperty("taxId", out _));
    }

    [Fact]
    public async Task A_customer_with_a_tax_id_brings_the_allocation_rule_to_an_invoice_above_the_threshold()
    {
        using var client = await api.BillingBusinessAsync();
        var registered = await client.CreateCustomerAsync(new { name = "חברה רשומה", taxId = ValidTaxId });
        var consumer = await client.CreateCustomerAsync(new { name = "לקוח פרטי" });

        // No customerTaxId on the documents: the customer's own is billed.
        var waiting = await client.IssuedAsync(InvoiceApiExtensions.Invoice(registered.Id, 600_000));
        var released = await client.IssuedAsync(InvoiceApiExtensions.Invoice(consumer.Id, 600_000));

        Assert.Equal((ValidTaxId, "pending_allocation"), (waiting.Customer.TaxId, waiting.Status));
        Assert.Equal(((string?)null, "issued"), (released.Customer.TaxId, released.Status));
        var timeline = await client.Http.GetFromJsonAsync<JsonElement>($"/api/crm/customers/{registered.Id}/timeline");
        Assert.Contains(ValidTaxId, timeline.GetRawText());
    }
}
