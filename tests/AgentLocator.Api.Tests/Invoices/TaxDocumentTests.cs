using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AgentLocator.Api.Invoices;
using AgentLocator.Api.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace AgentLocator.Api.Tests.Invoices;

[Collection(ApiCollection.Name)]
public sealed class TaxDocumentTests(AgentLocatorApiFactory api)
{
    private const string CustomerTaxId = "123456782";

    [Fact]
    public async Task A_tax_invoice_receipt_is_issued_with_its_number_totals_payments_and_a_timeline_event()
    {
        using var client = await api.BillingBusinessAsync(startingNumbers: new Dictionary<string, int> { ["tax_invoice_receipt"] = 5001 });
        var customer = await client.CreateCustomerAsync(new { name = "דנה כהן" });

        var draft = await client.DraftAsync(new
        {
            type = "tax_invoice_receipt", customerId = customer.Id, documentDate = "2026-12-01",
            lines = new[] { new { description = "שעת ייעוץ", quantity = 2m, unitPriceAgorot = 50_000L, discountAgorot = 0L } },
            payments = new[] { new { method = "card", amountAgorot = 118_000L, cardLastDigits = "4242" } },
        });
        Assert.Equal("draft", draft.Status);
        Assert.Null(draft.Number);
        var issued = await client.IssueAsync(draft.Id);

        Assert.Equal(("issued", 5001), (issued.Status, issued.Number!.Value));
        Assert.Equal((100_000L, 18_000L, 118_000L), (issued.SubtotalAgorot, issued.VatAgorot, issued.TotalAgorot));
        Assert.Equal(18m, issued.VatRatePercent);
        Assert.Equal("4242", Assert.Single(issued.Payments).CardLastDigits);
        Assert.Equal(0, issued.Balance!.OpenAgorot);
        var timeline = await client.Http.GetFromJsonAsync<JsonElement>($"/api/crm/customers/{customer.Id}/timeline?kind=invoice");
        var item = Assert.Single(timeline.GetProperty("items").EnumerateArray());
        Assert.Equal("חשבונית מס/קבלה 5001 הופקה", item.GetProperty("title").GetString());
        Assert.Equal(118_000, item.GetProperty("invoice").GetProperty("totalAgorot").GetInt64());
        Assert.Equal(issued.Id, item.GetProperty("invoice").GetProperty("documentId").GetGuid());
    }

    [Fact]
    public async Task Payments_that_do_not_sum_to_the_total_are_422_naming_payments_and_leave_no_number_used()
    {
        using var client = await api.BillingBusinessAsync();
        var customer = await client.CreateCustomerAsync(new { name = "לקוח" });
        var draft = await client.DraftAsync(new
        {
            type = "tax_invoice_receipt", customerId = customer.Id,
            lines = new[] { new { description = "מוצר", quantity = 1m, unitPriceAgorot = 10_000L } },
            payments = new[] { new { method = "cash", amountAgorot = 10_000L } },
        });

        var refused = await client.PostIssueAsync(draft.Id);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.True((await refused.ProblemAsync()).GetProperty("errors").TryGetProperty("payments", out _));
        var next = await client.IssuedAsync(new
        {
            type = "tax_invoice_receipt", customerId = customer.Id,
            lines = new[] { new { description = "מוצר", quantity = 1m, unitPriceAgorot = 10_000L } },
            payments = new[] { new { method = "cash", amountAgorot = 11_800L } },
        });
        Assert.Equal(1, next.Number);
    }

    [Fact]
    public async Task Bad_fields_are_400_each_named()
    {
        using var client = await api.BillingBusinessAsync();

        var response = await client.PostDraftAsync(new
        {
            type = "invoice", lines = new object[] { new { description = "", quantity = 0m, unitPriceAgorot = -1L } },
            payments = new[] { new { method = "cheque", amountAgorot = 100L } }, customerTaxId = "123456789",
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.ProblemAsync()).GetProperty("errors").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Equivalent(new[] { "type", "customerId", "lines[0].description", "lines[0].quantity", "lines[0].unitPriceAgorot",
            "payments[0].bank", "payments[0].branch", "payments[0].chequeNumber", "customerTaxId" }, errors);
    }

    [Fact]
    public async Task An_exempt_dealer_issues_no_VAT_documents_but_quotes_and_receipts_without_VAT()
    {
        using var client = await api.BillingBusinessAsync(dealerType: "exempt");
        var customer = await client.CreateCustomerAsync(new { name = "לקוח פטור" });

        var invoice = await client.PostDraftAsync(InvoiceApiExtensions.Invoice(customer.Id, 10_000));
        var receipt = await client.IssuedAsync(new
        {
            type = "receipt", customerId = customer.Id,
            payments = new[] { new { method = "app", amountAgorot = 25_000L, appName = "Bit" } },
        });
        var quote = await client.IssuedAsync(new
        {
            type = "quote", customerId = customer.Id, lines = new[] { new { description = "עבודה", quantity = 1m, unitPriceAgorot = 10_000L } },
        });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, invoice.StatusCode);
        Assert.True((await invoice.ProblemAsync()).GetProperty("errors").TryGetProperty("type", out _));
        Assert.Equal((25_000L, 0L), (receipt.TotalAgorot, receipt.VatAgorot));
        Assert.Equal((10_000L, 0L, 10_000L), (quote.SubtotalAgorot, quote.VatAgorot, quote.TotalAgorot));
    }

    [Fact]
    public async Task A_quote_converts_to_an_invoice_that_receipts_close_and_a_credit_cannot_exceed_what_remains()
    {
        using var client = await api.BillingBusinessAsync();
        var customer = await client.CreateCustomerAsync(new { name = "לקוח הצעה" });
        var quote = await client.IssuedAsync(new
        {
            type = "quote", customerId = customer.Id, pricesIncludeVat = true,
            lines = new[] { new { description = "פרויקט", quantity = 1m, unitPriceAgorot = 118_000L } },
        });

        var converted = await client.Http.PostAsJsonAsync($"/api/invoices/documents/{quote.Id}/convert", new { type = "tax_invoice" });
        Assert.Equal(HttpStatusCode.Created, converted.StatusCode);
        var invoiceDraft = (await converted.Content.ReadFromJsonAsync<DocumentResponse>(JsonSerializerOptions.Web))!;
        Assert.Equal((quote.Id, "tax_invoice"), (invoiceDraft.SourceDocumentId!.Value, invoiceDraft.Type));
        var invoice = await client.IssueAsync(invoiceDraft.Id);
        Assert.Equal((100_000L, 18_000L, 118_000L), (invoice.SubtotalAgorot, invoice.VatAgorot, invoice.TotalAgorot));

        object Receipt(long agorot) => new
        {
            type = "receipt", customerId = customer.Id, referencedDocumentId = invoice.Id,
            payments = new[] { new { method = "transfer", amountAgorot = agorot, bank = "12", branch = "345", account = "678901" } },
        };
        await client.IssuedAsync(Receipt(50_000));
        var tooMuch = await client.PostIssueAsync((await client.DraftAsync(Receipt(70_000))).Id);
        Assert.Equal(HttpStatusCode.Conflict, tooMuch.StatusCode);
        var second = await client.IssuedAsync(Receipt(68_000));
        Assert.Equal(2, second.Number);
        var closed = await client.Http.GetFromJsonAsync<DocumentResponse>($"/api/invoices/documents/{invoice.Id}", JsonSerializerOptions.Web);
        Assert.Equal((118_000L, 0L), (closed!.Balance!.PaidAgorot, closed.Balance.OpenAgorot));

        object Credit(long agorot) => new
        {
            type = "credit_invoice", customerId = customer.Id, referencedDocumentId = invoice.Id,
            lines = new[] { new { description = "זיכוי חלקי", quantity = 1m, unitPriceAgorot = agorot } },
        };
        var credit = await client.IssuedAsync(Credit(40_000));
        Assert.Equal((40_000L, 7_200L, 47_200L), (credit.SubtotalAgorot, credit.VatAgorot, credit.TotalAgorot));
        var overCredit = await client.PostIssueAsync((await client.DraftAsync(Credit(70_000))).Id);
        Assert.Equal(HttpStatusCode.Conflict, overCredit.StatusCode);
        Assert.Equal(70_800, (await client.Http.GetFromJsonAsync<DocumentResponse>($"/api/invoices/documents/{invoice.Id}", JsonSerializerOptions.Web))!
            .Balance!.CreditableAgorot);

        // Each step is in the business's audit log, by the admin, about the document; the refused issues left no row.
        Assert.Equal(["tax-document-issued", "tax-document-converted"], await api.AuditActionsAboutAsync(quote.Id));
        var issued = Assert.Single(await api.AuditRowsAboutAsync(invoice.Id));
        Assert.Equal(("tax-document-issued", "user", $"חשבונית מס {invoice.Number} — לקוח הצעה"), (issued.Action, issued.ActorType, issued.TargetLabel));
        Assert.Equal(["tax-document-credited"], await api.AuditActionsAboutAsync(credit.Id));
    }

    [Fact]
    public async Task Two_credits_racing_for_the_same_remainder_one_wins_and_numbers_stay_gapless()
    {
        using var client = await api.BillingBusinessAsync();
        var customer = await client.CreateCustomerAsync(new { name = "לקוח מרוץ" });
        var invoice = await client.IssuedAsync(InvoiceApiExtensions.Invoice(customer.Id, 100_000));
        var drafts = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => client.DraftAsync(new
        {
            type = "credit_invoice", customerId = customer.Id, referencedDocumentId = invoice.Id,
            lines = new[] { new { description = "זיכוי", quantity = 1m, unitPriceAgorot = 60_000L } },
        })));

        var answers = await Task.WhenAll(drafts.Select(d => client.PostIssueAsync(d.Id)));

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], answers.Select(a => a.StatusCode).Order());
        var last = await client.IssuedAsync(new
        {
            type = "credit_invoice", customerId = customer.Id, referencedDocumentId = invoice.Id,
            lines = new[] { new { description = "יתרה", quantity = 1m, unitPriceAgorot = 40_000L } },
        });
        Assert.Equal(2, last.Number);
    }

    [Fact]
    public async Task A_tax_invoice_above_the_threshold_to_a_registered_customer_is_numbered_but_waits_for_its_allocation_number()
    {
        using var client = await api.BillingBusinessAsync();
        var customer = await client.CreateCustomerAsync(new { name = "חברה רשומה" });
        var first = await client.IssuedAsync(InvoiceApiExtensions.Invoice(customer.Id, 100_000, CustomerTaxId));
        var big = await client.DraftAsync(InvoiceApiExtensions.Invoice(customer.Id, 600_000, CustomerTaxId, date: "2026-12-01"));

        // No Tax Authority connection here: the number is taken (the request to the Authority carries it), the document is
        // not released, and the reason says why.
        var waiting = await client.IssueAsync(big.Id);

        Assert.Equal(("pending_allocation", 2), (waiting.Status, waiting.Number!.Value));
        Assert.Null(waiting.AllocationNumber);
        Assert.Equal(AgentLocator.Grains.Invoices.AllocationReasons.NotConnected, waiting.Allocation!.Reason);
        var unregistered = await client.IssuedAsync(InvoiceApiExtensions.Invoice(customer.Id, 600_000));
        Assert.Equal((1, 3), (first.Number!.Value, unregistered.Number!.Value));
        Assert.Equal("issued", unregistered.Status);
        var link = await client.Http.PostAsync($"/api/invoices/documents/{big.Id}/links", null);
        Assert.Equal(HttpStatusCode.Conflict, link.StatusCode);
        var timeline = await client.Http.GetFromJsonAsync<JsonElement>($"/api/crm/customers/{customer.Id}/timeline?kind=invoice");
        Assert.Equal(2, timeline.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task An_issued_document_is_final_through_the_api_and_in_the_database()
    {
        using var client = await api.BillingBusinessAsync();
        var customer = await client.CreateCustomerAsync(new { name = "לקוח קבוע" });
        var issued = await client.IssuedAsync(InvoiceApiExtensions.Invoice(customer.Id, 10_000));

        var put = await client.Http.PutAsJsonAsync($"/api/invoices/documents/{issued.Id}", InvoiceApiExtensions.Invoice(customer.Id, 1));
        var delete = await client.Http.DeleteAsync($"/api/invoices/documents/{issued.Id}");
        var again = await client.PostIssueAsync(issued.Id);
        Assert.Equal([HttpStatusCode.Conflict, HttpStatusCode.Conflict, HttpStatusCode.Conflict], new[] { put.StatusCode, delete.StatusCode, again.StatusCode });

        await using var db = api.CreateDbContext();
        foreach (var sql in new[]
        {
            $"UPDATE tax_documents SET total_agorot = 1, subtotal_agorot = 1, vat_agorot = 0 WHERE id = '{issued.Id}'",
            $"UPDATE tax_documents SET notes = 'שונה' WHERE id = '{issued.Id}'",
            $"DELETE FROM tax_documents WHERE id = '{issued.Id}'",
            $"UPDATE tax_document_lines SET unit_price_agorot = 1 WHERE document_id = '{issued.Id}'",
            $"DELETE FROM tax_document_lines WHERE document_id = '{issued.Id}'",
            $"INSERT INTO tax_document_lines (document_id, position, description, quantity, unit_price_agorot, discount_agorot, amount_agorot) VALUES ('{issued.Id}', 9, 'x', 1, 1, 0, 1)",
            "TRUNCATE tax_document_lines CASCADE",
        })
        {
            var refused = await Assert.ThrowsAsync<PostgresException>(() => db.Database.ExecuteSqlRawAsync(sql));
            Assert.Equal("AL001", refused.SqlState);
        }
        var unchanged = await client.Http.GetFromJsonAsync<DocumentResponse>($"/api/invoices/documents/{issued.Id}", JsonSerializerOptions.Web);
        Assert.Equal((11_800L, 10_000L), (unchanged!.TotalAgorot, Assert.Single(unchanged.Lines).UnitPriceAgorot));
    }

    [Fact]
    public async Task A_draft_is_edited_and_deleted()
    {
        using var client = await api.BillingBusinessAsync();
        var customer = await client.CreateCustomerAsync(new { name = "לקוח טיוטה" });
        var draft = await client.DraftAsync(InvoiceApiExtensions.Invoice(customer.Id, 10_000));

        var edited = await client.Http.PutAsJsonAsync($"/api/invoices/documents/{draft.Id}", InvoiceApiExtensions.Invoice(customer.Id, 20_000));
        var body = (await edited.Content.ReadFromJsonAsync<DocumentResponse>(JsonSerializerOptions.Web))!;
        Assert.Equal(23_600L, body.TotalAgorot);
        Assert.Equal(HttpStatusCode.NoContent, (await client.Http.DeleteAsync($"/api/invoices/documents/{draft.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.Http.GetAsync($"/api/invoices/documents/{draft.Id}")).StatusCode);
    }

    [Fact]
    public async Task Another_business_gets_404_for_a_document_and_a_user_without_the_feature_403()
    {
        using var owner = await api.BillingBusinessAsync();
        var customer = await owner.CreateCustomerAsync(new { name = "לקוח פרטי" });
        var issued = await owner.IssuedAsync(InvoiceApiExtensions.Invoice(customer.Id, 10_000));
        using var stranger = await api.BillingBusinessAsync();

        foreach (var path in new[] { "", "/pdf" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await stranger.Http.GetAsync($"/api/invoices/documents/{issued.Id}{path}")).StatusCode);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.PostIssueAsync(issued.Id)).StatusCode);
        Assert.Equal(0, (await stranger.Http.GetFromJsonAsync<JsonElement>("/api/invoices/documents")).GetProperty("page").GetProperty("total").GetInt64());

        var (business, _) = await api.CreateBusinessAsync([AgentLocator.Grains.Features.Feature.Crm]);
        var limited = await api.CreateUserAsync(business.Name);
        using var noFeature = new ApiClient(api);
        await noFeature.SignInAsync(limited.Email);
        foreach (var path in new[] { "/api/invoices/documents", "/api/invoices/settings", $"/api/invoices/documents/{issued.Id}/pdf" })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await noFeature.Http.GetAsync(path)).StatusCode);
        }
    }
}
