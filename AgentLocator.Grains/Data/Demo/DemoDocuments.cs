using AgentLocator.Grains.Data.Entities;
using AgentLocator.Grains.Invoices;
using Microsoft.EntityFrameworkCore;

namespace AgentLocator.Grains.Data.Demo;

/// <summary>
/// The demo business's tax details and a few documents (quotes, tax invoice-receipts, a draft), made and issued by the
/// real <see cref="TaxDocumentWriter"/> so numbers, totals, VAT and timeline events are what an agent's clicks give.
/// Amounts stay under the allocation-number threshold, so no Tax Authority is asked.
/// </summary>
public static class DemoDocuments
{
    /// <summary>A valid (check digit) company number for the demo business.</summary>
    public const string DemoTaxId = "516120003";

    private sealed record Sale(string Type, string Item, decimal Quantity, long UnitPriceAgorot, bool Issue);

    private static readonly Sale[] Sales =
    [
        new(TaxDocumentTypes.Quote, "ייעוץ ביטוחי — פגישת היכרות", 1, 45_000, Issue: true),
        new(TaxDocumentTypes.TaxInvoiceReceipt, "דמי טיפול בפוליסת דירה", 1, 35_000, Issue: true),
        new(TaxDocumentTypes.Quote, "בדיקת תיק ביטוחים משפחתי", 2, 60_000, Issue: true),
        new(TaxDocumentTypes.TaxInvoiceReceipt, "שעת ייעוץ", 3, 25_000, Issue: true),
        new(TaxDocumentTypes.Quote, "חידוש ביטוח רכב — טיפול", 1, 30_000, Issue: false),
    ];

    public static async Task AddAsync(AgentLocatorDbContext db, Business business, IReadOnlyList<Customer> customers, Guid userId, string userName,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!await db.TaxSettings.AnyAsync(cancellationToken))
        {
            db.TaxSettings.Add(new TaxSettings
            {
                BusinessId = business.Id, LegalName = business.Name + " בע״מ", TaxId = DemoTaxId, DealerType = DealerTypes.Company,
                Address = "רחוב הרצל 10, תל אביב", Phone = business.TwilioNumber, Email = "office@demo.local", UpdatedAt = now,
            });
            await db.SaveChangesAsync(cancellationToken);
        }
        var writer = new TaxDocumentWriter(db, TimeProvider.System, AllocationRule.Default);
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        for (var i = 0; i < Sales.Length && i < customers.Count; i++)
        {
            var sale = Sales[i];
            var lines = new[] { new LineInput(sale.Item, sale.Quantity, sale.UnitPriceAgorot, 0) };
            var total = (long)(sale.Quantity * sale.UnitPriceAgorot);
            IReadOnlyList<PaymentInput> payments = TaxDocumentTypes.TakesPayments(sale.Type)
                ? [new PaymentInput(PaymentMethods.Transfer, total, today, null, null, null, null, null, null, null)]
                : [];
            var draft = new DocumentDraft(sale.Type, customers[i].Id, today.AddDays(-i), PricesIncludeVat: true, lines, payments,
                ReferencedDocumentId: null, Notes: null, CustomerTaxId: null, CustomerAddress: customers[i].City);
            var saved = Succeeded(await writer.SaveDraftAsync(null, draft, userId, cancellationToken));
            if (sale.Issue)
            {
                Succeeded(await writer.IssueAsync(saved.Id, userId, userName, cancellationToken));
            }
        }
    }

    /// <summary>The seed's own data must pass the writer's rules: a refusal is a bug here, so it stops the seed loudly.</summary>
    private static TaxDocument Succeeded(TaxDocumentOutcome outcome) =>
        outcome is { Kind: TaxDocumentOutcomeKind.Ok, Document: { } document }
            ? document
            : throw new InvalidOperationException($"The demo document was refused: {outcome.Kind} {outcome.Title} {outcome.Detail} "
                + string.Join("; ", (outcome.Errors ?? new Dictionary<string, string[]>()).Select(e => $"{e.Key}: {string.Join(", ", e.Value)}")));
}
