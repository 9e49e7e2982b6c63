using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AgentLocator.Api.Invoices;
using AgentLocator.Api.Tests.Infrastructure;

namespace AgentLocator.Api.Tests.Invoices;

[Collection(ApiCollection.Name)]
public sealed class DocumentPdfTests(AgentLocatorApiFactory api)
{
    [Fact]
    public async Task The_first_PDF_is_the_original_and_every_later_one_a_true_copy_with_the_documents_text_in_reading_order()
    {
        using var client = await api.BillingBusinessAsync();
        var customer = await client.CreateCustomerAsync(new { name = "יוסי לוי" });
        var issued = await client.IssuedAsync(new
        {
            type = "tax_invoice_receipt", customerId = customer.Id, documentDate = "2026-12-03",
            lines = new[]
            {
                new { description = "תיקון מזגן Tadiran דגם X200", quantity = 1m, unitPriceAgorot = 45_000L },
                new { description = "חלקי חילוף", quantity = 2m, unitPriceAgorot = 12_550L },
            },
            payments = new[] { new { method = "cheque", amountAgorot = 82_718L, bank = "12", branch = "345", chequeNumber = "100200" } },
        });

        var first = PdfText.Lines(await PdfText.ExtractAsync(await client.PdfAsync(issued.Id)));
        var second = PdfText.Lines(await PdfText.ExtractAsync(await client.PdfAsync(issued.Id)));
        var third = PdfText.Lines(await PdfText.ExtractAsync(await client.PdfAsync(issued.Id)));

        PdfText.HasLine(first, "אור שירותים בע\"מ");
        PdfText.HasLine(first, "חברה בע\"מ 516179157");
        PdfText.HasLine(first, DocumentHtml.Original);
        PdfText.HasLine(first, line => line.StartsWith("חשבונית מס") && line.Contains("קבלה") && line.EndsWith(" 1"), "with the title and number 1");
        PdfText.HasLine(first, "תאריך 03/12/2026");
        PdfText.HasLine(first, "יוסי לוי");
        PdfText.HasRow(first, "תיאור", "כמות", "מחיר יחידה", "הנחה", "סכום");
        PdfText.HasRow(first, "תיקון מזגן Tadiran דגם X200", "1", "₪450.00", "", "₪450.00");
        PdfText.HasRow(first, "חלקי חילוף", "2", "₪125.50", "", "₪251.00");
        PdfText.HasLine(first, "סכום לפני מע\"מ ₪701.00");
        PdfText.HasLine(first, "מע\"מ ₪126.18 שיעור 18%");
        PdfText.HasLine(first, "סה\"כ ₪827.18");
        PdfText.HasRow(first, "המחאה", "בנק 12 סניף 345 המחאה 100200", "03/12/2026", "₪827.18");
        Assert.DoesNotContain(DocumentHtml.TrueCopy, first);
        foreach (var copy in new[] { second, third })
        {
            PdfText.HasLine(copy, DocumentHtml.TrueCopy);
            Assert.DoesNotContain(DocumentHtml.Original, copy);
        }
        var read = await client.Http.GetFromJsonAsync<DocumentResponse>($"/api/invoices/documents/{issued.Id}", JsonSerializerOptions.Web);
        Assert.Equal(3, read!.Outputs);
    }

    [Fact]
    public async Task A_draft_prints_as_a_draft_and_counts_nothing()
    {
        using var client = await api.BillingBusinessAsync();
        var customer = await client.CreateCustomerAsync(new { name = "לקוח" });
        var draft = await client.DraftAsync(InvoiceApiExtensions.Invoice(customer.Id, 10_000));

        var lines = PdfText.Lines(await PdfText.ExtractAsync(await client.PdfAsync(draft.Id)));

        Assert.Contains(lines, line => line.Contains("טיוטה"));
        Assert.Equal(0, (await client.Http.GetFromJsonAsync<DocumentResponse>($"/api/invoices/documents/{draft.Id}", JsonSerializerOptions.Web))!.Outputs);
    }

    [Fact]
    public async Task A_public_link_opens_its_own_document_without_login_and_nothing_else()
    {
        using var client = await api.BillingBusinessAsync();
        var customer = await client.CreateCustomerAsync(new { name = "לקוח קישור" });
        var issued = await client.IssuedAsync(InvoiceApiExtensions.Invoice(customer.Id, 25_000));
        var draft = await client.DraftAsync(InvoiceApiExtensions.Invoice(customer.Id, 1_000));

        var created = await client.Http.PostAsync($"/api/invoices/documents/{issued.Id}/links", null);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var link = (await created.Content.ReadFromJsonAsync<DocumentLinkResponse>(JsonSerializerOptions.Web))!;
        var token = link.Url.Split('/')[^1];
        Assert.True(Convert.FromBase64String(token.Replace('-', '+').Replace('_', '/') + "==").Length >= 16);
        Assert.Equal(HttpStatusCode.Conflict, (await client.Http.PostAsync($"/api/invoices/documents/{draft.Id}/links", null)).StatusCode);

        using var anonymous = new HttpClient { BaseAddress = api.ServerAddress };
        var opened = await anonymous.GetAsync(link.Url);
        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        var lines = PdfText.Lines(await PdfText.ExtractAsync(await opened.Content.ReadAsByteArrayAsync()));
        PdfText.HasLine(lines, "חשבונית מס 1");
        PdfText.HasLine(lines, "סה\"כ ₪295.00");

        foreach (var wrong in new[] { link.Url[..^1] + (link.Url[^1] == 'A' ? 'B' : 'A'), $"/api/public/documents/{issued.Id}", "/api/public/documents/short" })
        {
            var refused = await anonymous.GetAsync(wrong);
            Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        }
        await using (var db = api.CreateDbContext())
        {
            await Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions.ExecuteSqlAsync(db.Database,
                $"UPDATE tax_document_links SET expires_at = now() - interval '1 second' WHERE document_id = {issued.Id}");
        }
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(link.Url)).StatusCode);
    }

    [Fact]
    public async Task Settings_are_validated_field_by_field_and_read_back()
    {
        using var client = await api.BillingBusinessAsync();

        var bad = await client.Http.PutAsJsonAsync("/api/invoices/settings", new
        {
            legalName = "", dealerType = "shop", taxId = "516179158",
            vatRates = new[] { new { effectiveFrom = "2025-01-01", ratePercent = 118.5m } },
            startingNumbers = new Dictionary<string, int> { ["invoice"] = 1, ["receipt"] = 0 },
        });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equivalent(new[] { "legalName", "dealerType", "taxId", "vatRates[0].ratePercent", "startingNumbers.invoice", "startingNumbers.receipt" },
            (await bad.ProblemAsync()).GetProperty("errors").EnumerateObject().Select(p => p.Name).ToList());

        var settings = await client.Http.GetFromJsonAsync<InvoiceSettingsResponse>("/api/invoices/settings", JsonSerializerOptions.Web);
        Assert.True(settings!.Configured);
        Assert.Equal(("company", "חברה בע\"מ", "516179157", 18m), (settings.DealerType, settings.DealerTypeName, settings.TaxId, settings.CurrentVatPercent!.Value));

        // An agent writing a document reads the dealer type and rate, never the rest (which stays with admins).
        var business = await api.BusinessNamedAsync(await AdminBusinessNameAsync(client));
        var agent = await api.CreateUserAsync(business.Name);
        using var agentClient = new ApiClient(api);
        await agentClient.SignInAsync(agent.Email);
        var defaults = await agentClient.Http.GetFromJsonAsync<DocumentDefaultsResponse>("/api/invoices/document-defaults", JsonSerializerOptions.Web);
        Assert.Equal((true, "company", 18m), (defaults!.Configured, defaults.DealerType, defaults.CurrentVatPercent!.Value));
        Assert.Equal(HttpStatusCode.Forbidden, (await agentClient.Http.GetAsync("/api/invoices/settings")).StatusCode);
    }

    private static async Task<string> AdminBusinessNameAsync(ApiClient client) =>
        (await client.Http.GetFromJsonAsync<JsonElement>("/api/me")).GetProperty("business").GetProperty("name").GetString()!;

    [Fact]
    public async Task A_starting_number_applies_until_the_first_document_of_its_type_then_cannot_change()
    {
        using var client = await api.BillingBusinessAsync(startingNumbers: new Dictionary<string, int> { ["tax_invoice"] = 3000 });
        var customer = await client.CreateCustomerAsync(new { name = "לקוח" });
        var first = await client.IssuedAsync(InvoiceApiExtensions.Invoice(customer.Id, 1_000));
        Assert.Equal(3000, first.Number);

        var change = await client.Http.PutAsJsonAsync("/api/invoices/settings", new
        {
            legalName = "אור", dealerType = "company", taxId = InvoiceApiExtensions.BusinessTaxId,
            startingNumbers = new Dictionary<string, int> { ["tax_invoice"] = 1 },
        });

        Assert.Equal(HttpStatusCode.Conflict, change.StatusCode);
        Assert.Contains("startingNumbers.tax_invoice", (await change.ProblemAsync()).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task The_list_filters_pages_and_exports_csv()
    {
        using var client = await api.BillingBusinessAsync();
        var alice = await client.CreateCustomerAsync(new { name = "אליס" });
        var bob = await client.CreateCustomerAsync(new { name = "בוב" });
        await client.IssuedAsync(InvoiceApiExtensions.Invoice(alice.Id, 10_000, date: "2026-11-01"));
        await client.IssuedAsync(InvoiceApiExtensions.Invoice(alice.Id, 50_000, date: "2026-11-15"));
        await client.IssuedAsync(InvoiceApiExtensions.Invoice(bob.Id, 20_000, date: "2026-12-01"));
        await client.DraftAsync(InvoiceApiExtensions.Invoice(bob.Id, 30_000, date: "2026-12-02"));

        async Task<List<JsonElement>> List(string query) =>
            [.. (await client.Http.GetFromJsonAsync<JsonElement>("/api/invoices/documents?" + query)).GetProperty("items").EnumerateArray()];

        Assert.Equal(4, (await List("")).Count);
        Assert.Equal([3, 2, 1], (await List("status=issued")).Select(i => i.GetProperty("number").GetInt32()));
        Assert.Equal(2, (await List($"customerId={alice.Id}")).Count);
        Assert.Equal(2, (await List("from=2026-11-10&to=2026-12-01")).Count);
        Assert.Equal(["בוב"], (await List("number=3")).Select(i => i.GetProperty("customerName").GetString()));
        Assert.Equal([59_000L], (await List("minAgorot=50000&maxAgorot=60000")).Select(i => i.GetProperty("totalAgorot").GetInt64()));
        var page2 = await client.Http.GetFromJsonAsync<JsonElement>("/api/invoices/documents?limit=3&page=2");
        Assert.Equal((1, 4L), (page2.GetProperty("items").GetArrayLength(), page2.GetProperty("page").GetProperty("total").GetInt64()));
        Assert.Equal(2, (await client.Http.GetFromJsonAsync<JsonElement>($"/api/invoices/customers/{bob.Id}/documents")).GetProperty("items").GetArrayLength());

        var bad = await client.Http.GetAsync("/api/invoices/documents?type=bill&from=yesterday&minAgorot=-5");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equivalent(new[] { "type", "from", "minAgorot" }, (await bad.ProblemAsync()).GetProperty("errors").EnumerateObject().Select(p => p.Name).ToList());

        var csv = await client.Http.GetAsync($"/api/invoices/documents/export.csv?customerId={alice.Id}");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var rows = (await csv.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, rows.Length);
        Assert.Equal("חשבונית מס,2,הופק,2026-11-15,אליס,500.00,90.00,590.00", rows[1]);
    }
}
