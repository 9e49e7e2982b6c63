using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using AgentLocator.Api.Integrations.TaxAuthority;
using AgentLocator.Api.Invoices;
using AgentLocator.Api.Tests.Infrastructure;
using AgentLocator.FakeProviders;
using AgentLocator.Grains.Data;
using AgentLocator.Grains.Data.Entities;
using AgentLocator.Grains.Invoices;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace AgentLocator.Api.Tests.Invoices;

/// <summary>
/// Allocation numbers against the fake Authority: the OAuth2 connection, a number on issue, refusal, timeout, the retry
/// button and the background retry, the token refresh, and the database's hold on a document that waits.
/// </summary>
[Collection(TaxAuthorityCollection.Name)]
public sealed class TaxAllocationTests(TaxAuthorityFixture api) : IAsyncLifetime
{
    private const string CustomerTaxId = "123456782";

    public Task InitializeAsync()
    {
        api.Authority.Reset();
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        api.Authority.Reset();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Connecting_stores_the_tokens_encrypted_and_disconnecting_forgets_them()
    {
        using var client = await api.ConnectedBusinessAsync();

        var status = await client.Http.GetFromJsonAsync<TaxAuthorityStatus>("/api/invoices/settings/tax-authority", JsonSerializerOptions.Web);
        Assert.True(status!.Connected);
        Assert.True(status.CanConnect);
        await using (var db = api.CreateDbContext())
        {
            var stored = await db.Database.SqlQuery<string>($"SELECT protected_tokens AS \"Value\" FROM tax_authority_connections").ToListAsync();
            Assert.NotEmpty(stored);
            Assert.All(stored, ciphertext => Assert.DoesNotContain(ciphertext, api.Authority.IssuedAccessTokens.All));
        }
        var disconnect = await client.Http.DeleteAsync("/api/invoices/settings/tax-authority");
        Assert.Equal(HttpStatusCode.NoContent, disconnect.StatusCode);
        Assert.False((await client.Http.GetFromJsonAsync<TaxAuthorityStatus>("/api/invoices/settings/tax-authority", JsonSerializerOptions.Web))!.Connected);
    }

    [Fact]
    public async Task A_forged_or_missing_state_does_not_connect()
    {
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = api.ServerAddress };

        var forged = await browser.GetAsync($"{TaxAuthorityConnectApi.CallbackPath}?code=abc&state=not-ours");
        var missing = await browser.GetAsync($"{TaxAuthorityConnectApi.CallbackPath}?code=abc");

        Assert.Equal("/invoices/settings?taxAuthority=failed", forged.Headers.Location!.OriginalString);
        Assert.Equal("/invoices/settings?taxAuthority=failed", missing.Headers.Location!.OriginalString);
        Assert.Empty(api.Authority.Grants.All);
    }

    [Fact]
    public async Task A_tax_invoice_above_the_threshold_is_issued_with_the_authoritys_number_which_the_pdf_prints()
    {
        using var client = await api.ConnectedBusinessAsync();
        var customer = await client.CreateCustomerAsync(new { name = "חברה רשומה" });
        var draft = await client.DraftAsync(InvoiceApiExtensions.Invoice(customer.Id, 1_200_000, CustomerTaxId, date: "2026-12-01"));

        var issued = await client.IssueAsync(draft.Id);

        Assert.Equal("issued", issued.Status);
        Assert.Equal(AllocationStatesForTest.Granted, issued.Allocation!.State);
        var request = Assert.Single(api.Authority.Approvals.All, a => a["Invoice_ID"]!.GetValue<string>() == draft.Id.ToString());
        Assert.Equal(issued.Number!.Value.ToString(), request["Invoice_Reference_Number"]!.GetValue<string>());
        Assert.Equal(305, request["Invoice_Type"]!.GetValue<int>());
        Assert.Equal(long.Parse(InvoiceApiExtensions.BusinessTaxId), request["Vat_Number"]!.GetValue<long>());
        Assert.Equal(long.Parse(CustomerTaxId), request["Customer_VAT_Number"]!.GetValue<long>());
        Assert.Equal(12_000m, request["Payment_Amount"]!.GetValue<decimal>());
        Assert.Equal(2_160m, request["VAT_Amount"]!.GetValue<decimal>());
        Assert.Equal(14_160m, request["Payment_Amount_Including_VAT"]!.GetValue<decimal>());
        Assert.Equal(api.Authority.Granted.Values.Single(n => n == issued.AllocationNumber), issued.AllocationNumber);
        var text = await PdfText.ExtractAsync(await client.PdfAsync(issued.Id));
        Assert.Contains("מספר הקצאה", text);
        Assert.Contains(issued.AllocationNumber!, text);
        Assert.Contains(DocumentHtml.Original, text);
        var timeline = await client.Http.GetFromJsonAsync<JsonElement>($"/api/crm/customers/{customer.Id}/timeline?kind=invoice");
        Assert.Single(timeline.GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task A_document_just_issued_is_asked_for_once_by_its_issuing_request_not_also_by_the_background_retry()
    {
        using var client = await api.ConnectedBusinessAsync();
        var customer = await client.CreateCustomerAsync(new { name = "חברה רשומה" });
        var draft = await client.DraftAsync(InvoiceApiExtensions.Invoice(customer.Id, 1_200_000, CustomerTaxId));
        Guid businessId, userId;
        await using (var db = api.CreateDbContext())
        {
            (businessId, userId) = await db.TaxDocuments.IgnoreQueryFilters().Where(d => d.Id == draft.Id)
                .Select(d => new ValueTuple<Guid, Guid>(d.BusinessId, d.CreatedById!.Value)).SingleAsync();
        }
        var contexts = api.Services.GetRequiredService<TenantDbContextFactory>();
        var retrier = api.Services.GetServices<IHostedService>().OfType<AllocationRetrier>().Single();

        // The issue route's two steps with a background poll (the fixture's, every 250 ms, and one run here) between them: the
        // commit of the numbered, waiting document, then the route's own attempt.
        await using (var db = contexts.For(businessId))
        {
            var outcome = await new TaxDocumentWriter(db, TimeProvider.System, AllocationRule.Default).IssueAsync(draft.Id, userId, null, CancellationToken.None);
            Assert.Equal(TaxDocumentStatuses.PendingAllocation, outcome.Document!.Status);
        }
        await retrier.RunDueAsync(CancellationToken.None);
        Assert.DoesNotContain(api.Authority.Approvals.All, a => a["Invoice_ID"]!.GetValue<string>() == draft.Id.ToString());
        await using (var db = contexts.For(businessId))
        {
            var answer = await api.Services.GetRequiredService<AllocationAttempts>().AttemptAsync(db, draft.Id, CancellationToken.None);
            Assert.Equal(AllocationOutcome.Granted, answer!.Outcome);
        }

        var issued = await client.Http.GetFromJsonAsync<DocumentResponse>($"/api/invoices/documents/{draft.Id}", JsonSerializerOptions.Web);
        Assert.Equal(("issued", 1), (issued!.Status, issued.Allocation!.Attempts));
        Assert.Single(api.Authority.Approvals.All, a => a["Invoice_ID"]!.GetValue<string>() == draft.Id.ToString());
    }

    [Theory]
    [InlineData("tax_invoice", 1_000_000L, true, "2026-03-01")]   // exactly 10,000 before June: not above
    [InlineData("tax_invoice", 900_000L, true, "2026-05-31")]     // under 10,000 before June
    [InlineData("tax_invoice", 900_000L, false, "2026-12-01")]    // a customer without a tax id
    [InlineData("tax_invoice", 50_000_000L, true, "2025-12-31")]  // before the first threshold
    [InlineData("quote", 900_000L, true, "2026-12-01")]           // not a VAT invoice
    public async Task No_number_is_asked_when_none_is_needed(string type, long agorot, bool withTaxId, string date)
    {
        using var client = await api.ConnectedBusinessAsync();
        var customer = await client.CreateCustomerAsync(new { name = "לקוח" });
        var draft = await client.DraftAsync(new
        {
            type, customerId = customer.Id, documentDate = date, customerTaxId = withTaxId ? CustomerTaxId : null,
            lines = new[] { new { description = "עבודה", quantity = 1m, unitPriceAgorot = agorot } },
        });

        var issued = await client.IssueAsync(draft.Id);

        Assert.Equal(("issued", null), (issued.Status, issued.AllocationNumber));
        Assert.Null(issued.Allocation);
        Assert.DoesNotContain(api.Authority.Approvals.All, a => a["Invoice_ID"]!.GetValue<string>() == draft.Id.ToString());
    }

    [Fact]
    public async Task Five_thousand_and_one_shekels_in_june_needs_a_number()
    {
        using var client = await api.ConnectedBusinessAsync();
        var customer = await client.CreateCustomerAsync(new { name = "לקוח" });

        var issued = await client.IssuedAsync(InvoiceApiExtensions.Invoice(customer.Id, 500_100, CustomerTaxId, date: "2026-06-01"));

        Assert.NotNull(issued.AllocationNumber);
    }

    [Fact]
    public async Task A_refusal_leaves_the_document_pending_with_the_reason_until_the_retry_button_gets_a_number()
    {
        using var client = await api.ConnectedBusinessAsync();
        var customer = await client.CreateCustomerAsync(new { name = "חברה" });
        api.Authority.Mode = FakeAllocationMode.Refuse;

        var pending = await client.IssuedAsync(InvoiceApiExtensions.Invoice(customer.Id, 1_500_000, CustomerTaxId));

        Assert.Equal("pending_allocation", pending.Status);
        Assert.Null(pending.AllocationNumber);
        Assert.NotNull(pending.Number);
        Assert.Equal("refused", pending.Allocation!.State);
        Assert.Contains(api.Authority.RefusalMessage, pending.Allocation.Reason);
        Assert.Null(pending.Allocation.NextAttemptAt);
        // Not released: no link to the customer, no receipt against it, and its PDF says it is no document yet.
        var link = await client.Http.PostAsync($"/api/invoices/documents/{pending.Id}/links", null);
        Assert.Equal(HttpStatusCode.Conflict, link.StatusCode);
        var receipt = await client.PostDraftAsync(new
        {
            type = "receipt", customerId = customer.Id, referencedDocumentId = pending.Id,
            payments = new[] { new { method = "cash", amountAgorot = 100L } },
        });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, receipt.StatusCode);
        Assert.Contains(DocumentHtml.AwaitingAllocation, await PdfText.ExtractAsync(await client.PdfAsync(pending.Id)));

        api.Authority.Mode = FakeAllocationMode.Grant;
        var retried = await client.Http.PostAsync($"/api/invoices/documents/{pending.Id}/allocation/retry", null);

        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        var issued = (await retried.Content.ReadFromJsonAsync<DocumentResponse>(JsonSerializerOptions.Web))!;
        Assert.Equal(("issued", pending.Number), (issued.Status, issued.Number));
        Assert.NotNull(issued.AllocationNumber);
        var again = await client.Http.PostAsync($"/api/invoices/documents/{pending.Id}/allocation/retry", null);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    [Fact]
    public async Task A_timeout_leaves_it_pending_and_the_background_retry_releases_it_once_the_authority_answers()
    {
        using var client = await api.ConnectedBusinessAsync();
        var customer = await client.CreateCustomerAsync(new { name = "חברה" });
        api.Authority.Mode = FakeAllocationMode.Hang;

        var pending = await client.IssuedAsync(InvoiceApiExtensions.Invoice(customer.Id, 2_000_000, CustomerTaxId));

        Assert.Equal("pending_allocation", pending.Status);
        Assert.Equal(("pending", AllocationReasons.TimedOut), (pending.Allocation!.State, pending.Allocation.Reason));
        Assert.NotNull(pending.Allocation.NextAttemptAt);

        api.Authority.Mode = FakeAllocationMode.Grant;
        var released = await EventuallyAsync(client, pending.Id, d => d.Status == "issued");
        Assert.NotNull(released.AllocationNumber);
        Assert.True(released.Allocation!.Attempts >= 2);
    }

    [Fact]
    public async Task The_authority_down_is_retried_with_the_reason_shown()
    {
        using var client = await api.ConnectedBusinessAsync();
        var customer = await client.CreateCustomerAsync(new { name = "חברה" });
        api.Authority.Mode = FakeAllocationMode.Down;

        var pending = await client.IssuedAsync(InvoiceApiExtensions.Invoice(customer.Id, 2_000_000, CustomerTaxId));

        Assert.Equal(("pending", AllocationReasons.Unavailable), (pending.Allocation!.State, pending.Allocation.Reason));
        var retriedInBackground = await EventuallyAsync(client, pending.Id, d => d.Allocation!.Attempts >= 3);
        Assert.Equal("pending_allocation", retriedInBackground.Status);
    }

    [Fact]
    public async Task Without_a_connection_the_document_waits_saying_so()
    {
        using var client = await api.BillingBusinessAsync();
        var customer = await client.CreateCustomerAsync(new { name = "חברה" });

        var pending = await client.IssuedAsync(InvoiceApiExtensions.Invoice(customer.Id, 2_000_000, CustomerTaxId));

        Assert.Equal(("pending_allocation", AllocationReasons.NotConnected), (pending.Status, pending.Allocation!.Reason));
    }

    [Fact]
    public async Task An_expired_or_revoked_access_token_is_refreshed_and_the_request_goes_through()
    {
        api.Authority.AccessTokenLifetime = TimeSpan.FromSeconds(30); // inside the client's margin: refreshed before use
        using var client = await api.ConnectedBusinessAsync();
        var customer = await client.CreateCustomerAsync(new { name = "חברה" });

        var first = await client.IssuedAsync(InvoiceApiExtensions.Invoice(customer.Id, 2_000_000, CustomerTaxId));
        api.Authority.AccessTokenLifetime = TimeSpan.FromHours(1);
        await client.IssuedAsync(InvoiceApiExtensions.Invoice(customer.Id, 2_000_000, CustomerTaxId)); // refreshed to a long-lived one
        var refreshes = api.Authority.Grants.All.Count(g => g == "refresh_token");
        api.Authority.ExpireAccessTokens();
        var afterRevoke = await client.IssuedAsync(InvoiceApiExtensions.Invoice(customer.Id, 2_000_000, CustomerTaxId));

        Assert.NotNull(first.AllocationNumber);
        Assert.True(refreshes >= 1);
        Assert.NotNull(afterRevoke.AllocationNumber);
        Assert.Equal(refreshes + 1, api.Authority.Grants.All.Count(g => g == "refresh_token"));
    }

    [Fact]
    public async Task The_database_keeps_a_waiting_document_as_it_is_except_for_its_release()
    {
        using var client = await api.BillingBusinessAsync();
        var customer = await client.CreateCustomerAsync(new { name = "חברה" });
        var pending = await client.IssuedAsync(InvoiceApiExtensions.Invoice(customer.Id, 2_000_000, CustomerTaxId));
        Assert.Equal("pending_allocation", pending.Status);

        await using var db = api.CreateDbContext();
        foreach (var sql in new[]
        {
            $"UPDATE tax_documents SET notes = 'שונה' WHERE id = '{pending.Id}'",
            $"UPDATE tax_documents SET status = 'issued' WHERE id = '{pending.Id}'",
            $"UPDATE tax_documents SET status = 'issued', allocation_number = '1', total_agorot = 1, subtotal_agorot = 1, vat_agorot = 0 WHERE id = '{pending.Id}'",
            $"DELETE FROM tax_documents WHERE id = '{pending.Id}'",
            $"UPDATE tax_document_lines SET unit_price_agorot = 1 WHERE document_id = '{pending.Id}'",
        })
        {
            var refused = await Assert.ThrowsAsync<PostgresException>(() => db.Database.ExecuteSqlRawAsync(sql));
            Assert.Equal("AL001", refused.SqlState);
        }
        var released = await db.Database.ExecuteSqlAsync(
            $"UPDATE tax_documents SET status = 'issued', allocation_number = '123456789', issued_at = now() WHERE id = {pending.Id}");
        Assert.Equal(1, released);
    }

    private static async Task<DocumentResponse> EventuallyAsync(ApiClient client, Guid id, Func<DocumentResponse, bool> condition)
    {
        DocumentResponse? document = null;
        for (var i = 0; i < 120; i++)
        {
            document = await client.Http.GetFromJsonAsync<DocumentResponse>($"/api/invoices/documents/{id}", JsonSerializerOptions.Web);
            if (condition(document!))
            {
                return document!;
            }
            await Task.Delay(250);
        }
        Assert.Fail($"The document did not get there: {JsonSerializer.Serialize(document)}");
        return null!;
    }

    private static class AllocationStatesForTest
    {
        public const string Granted = "granted";
    }
}
