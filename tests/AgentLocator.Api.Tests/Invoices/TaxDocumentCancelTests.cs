using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AgentLocator.Api.Invoices;
using AgentLocator.Api.Invoices.Uniform;
using AgentLocator.Api.Tests.Infrastructure;
using AgentLocator.FakeProviders;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace AgentLocator.Api.Tests.Invoices;

/// <summary>A document the Tax Authority refused is cancelled: it keeps its number, and the database allows exactly that move.</summary>
[Collection(TaxAuthorityCollection.Name)]
public sealed class TaxDocumentCancelTests(TaxAuthorityFixture api)
{
    private const string CustomerTaxId = "123456782";

    [Fact]
    public async Task A_refused_document_is_cancelled_keeps_its_number_and_is_exported_as_cancelled()
    {
        using var client = await api.ConnectedBusinessAsync();
        var customer = await client.CreateCustomerAsync(new { name = "חברה שסורבה" });
        DocumentResponse refused;
        api.Authority.Mode = FakeAllocationMode.Refuse;
        try
        {
            refused = await client.IssuedAsync(InvoiceApiExtensions.Invoice(customer.Id, 1_500_000, CustomerTaxId, date: "2026-12-03"));
        }
        finally
        {
            api.Authority.Mode = FakeAllocationMode.Grant;
        }
        Assert.Equal(("pending_allocation", "refused"), (refused.Status, refused.Allocation!.State));

        var response = await client.Http.PostAsync($"/api/invoices/documents/{refused.Id}/cancel", null);

        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var cancelled = (await response.Content.ReadFromJsonAsync<DocumentResponse>(JsonSerializerOptions.Web))!;
        Assert.Equal(("cancelled", refused.Number), (cancelled.Status, cancelled.Number));
        Assert.Null(cancelled.AllocationNumber);
        var next = await client.IssuedAsync(InvoiceApiExtensions.Invoice(customer.Id, 10_000, date: "2026-12-04"));
        Assert.Equal(refused.Number + 1, next.Number);
        Assert.Equal(["tax-document-issued", "tax-document-cancelled"], await api.AuditActionsAboutAsync(refused.Id));

        var again = await client.Http.PostAsync($"/api/invoices/documents/{refused.Id}/cancel", null);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        var link = await client.Http.PostAsync($"/api/invoices/documents/{refused.Id}/links", null);
        Assert.Equal(HttpStatusCode.Conflict, link.StatusCode);
        var list = await client.Http.GetFromJsonAsync<JsonElement>("/api/invoices/documents?status=cancelled");
        Assert.Equal(refused.Id, Assert.Single(list.GetProperty("items").EnumerateArray()).GetProperty("id").GetGuid());
        var timeline = await client.Http.GetFromJsonAsync<JsonElement>($"/api/crm/customers/{customer.Id}/timeline?kind=invoice");
        Assert.Contains(timeline.GetProperty("items").EnumerateArray(),
            i => i.GetProperty("title").GetString() == $"חשבונית מס {refused.Number} בוטלה");

        var export = await client.Http.GetAsync("/api/invoices/reports/uniform?from=2026-12-01&to=2026-12-31");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        using var zip = new ZipArchive(new MemoryStream(await export.Content.ReadAsByteArrayAsync()));
        using var data = new StreamReader(zip.Entries.Single(e => e.Name == "BKMVDATA.TXT").Open(), UniformEncoding.Hebrew);
        var headers = (await data.ReadToEndAsync()).Split("\r\n").Where(r => r.StartsWith("C100"))
            .Select(r => (Number: r.Substring(UniformLayouts.C100["documentNumber"].Position - 1, 20).Trim(),
                Cancelled: r.Substring(UniformLayouts.C100["cancelled"].Position - 1, 1)))
            .ToList();
        Assert.Equal([(refused.Number.ToString()!, "1"), (next.Number.ToString()!, " ")], headers);

        await using var db = api.CreateDbContext();
        foreach (var sql in new[]
        {
            $"UPDATE tax_documents SET status = 'pending_allocation' WHERE id = '{refused.Id}'",
            $"UPDATE tax_documents SET notes = 'שונה' WHERE id = '{refused.Id}'",
            $"DELETE FROM tax_documents WHERE id = '{refused.Id}'",
            $"UPDATE tax_document_lines SET unit_price_agorot = 1 WHERE document_id = '{refused.Id}'",
        })
        {
            var refusal = await Assert.ThrowsAsync<PostgresException>(() => db.Database.ExecuteSqlRawAsync(sql));
            Assert.Equal("AL001", refusal.SqlState);
        }
    }

    [Fact]
    public async Task A_document_still_waiting_without_a_refusal_cannot_be_cancelled_even_in_the_database()
    {
        using var client = await api.BillingBusinessAsync(); // not connected: it waits, nobody refused it
        var customer = await client.CreateCustomerAsync(new { name = "חברה" });
        var waiting = await client.IssuedAsync(InvoiceApiExtensions.Invoice(customer.Id, 1_500_000, CustomerTaxId));
        var issued = await client.IssuedAsync(InvoiceApiExtensions.Invoice(customer.Id, 10_000));
        Assert.Equal(("pending_allocation", "issued"), (waiting.Status, issued.Status));

        Assert.Equal(HttpStatusCode.Conflict, (await client.Http.PostAsync($"/api/invoices/documents/{waiting.Id}/cancel", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await client.Http.PostAsync($"/api/invoices/documents/{issued.Id}/cancel", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.Http.PostAsync($"/api/invoices/documents/{Guid.NewGuid()}/cancel", null)).StatusCode);

        await using var db = api.CreateDbContext();
        foreach (var id in new[] { waiting.Id, issued.Id })
        {
            var refusal = await Assert.ThrowsAsync<PostgresException>(() =>
                db.Database.ExecuteSqlAsync($"UPDATE tax_documents SET status = 'cancelled' WHERE id = {id}"));
            Assert.Equal("AL001", refusal.SqlState);
        }
        // With the refusal recorded, the same move (and only it) passes.
        await db.Database.ExecuteSqlAsync($"UPDATE tax_document_allocations SET state = 'refused' WHERE document_id = {waiting.Id}");
        var changedMore = await Assert.ThrowsAsync<PostgresException>(() =>
            db.Database.ExecuteSqlAsync($"UPDATE tax_documents SET status = 'cancelled', notes = 'x' WHERE id = {waiting.Id}"));
        Assert.Equal("AL001", changedMore.SqlState);
        Assert.Equal(1, await db.Database.ExecuteSqlAsync($"UPDATE tax_documents SET status = 'cancelled' WHERE id = {waiting.Id}"));
    }
}
