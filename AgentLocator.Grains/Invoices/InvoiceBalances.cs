using AgentLocator.Grains.Data;
using AgentLocator.Grains.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace AgentLocator.Grains.Invoices;

/// <summary>
/// What is paid and credited on an invoice, summed from the issued receipts and credits that name it (nothing on the
/// invoice row itself changes). A tax invoice-receipt is paid by its own payments.
/// </summary>
public sealed record InvoiceBalance(long TotalAgorot, long CreditedAgorot, long PaidAgorot)
{
    /// <summary>Left to credit: the total less earlier credits.</summary>
    public long CreditableAgorot => TotalAgorot - CreditedAgorot;

    /// <summary>Left to pay: the total less credits and receipts (never below zero).</summary>
    public long OpenAgorot => Math.Max(0, TotalAgorot - CreditedAgorot - PaidAgorot);
}

public static class InvoiceBalances
{
    public static async Task<Dictionary<Guid, InvoiceBalance>> OfAsync(AgentLocatorDbContext db, IReadOnlyCollection<Guid> invoiceIds,
        CancellationToken cancellationToken)
    {
        var invoices = await db.TaxDocuments.AsNoTracking().Where(d => invoiceIds.Contains(d.Id))
            .Select(d => new { d.Id, d.Type, d.TotalAgorot }).ToListAsync(cancellationToken);
        var references = await db.TaxDocuments.AsNoTracking()
            .Where(d => d.ReferencedDocumentId != null && invoiceIds.Contains(d.ReferencedDocumentId.Value) && d.Status == TaxDocumentStatuses.Issued)
            .GroupBy(d => new { d.ReferencedDocumentId, d.Type })
            .Select(g => new { g.Key.ReferencedDocumentId, g.Key.Type, Sum = g.Sum(d => d.TotalAgorot) })
            .ToListAsync(cancellationToken);
        return invoices.ToDictionary(i => i.Id, i =>
        {
            var credited = references.Where(r => r.ReferencedDocumentId == i.Id && r.Type == TaxDocumentTypes.CreditInvoice).Sum(r => r.Sum);
            var paid = i.Type == TaxDocumentTypes.TaxInvoiceReceipt ? i.TotalAgorot
                : references.Where(r => r.ReferencedDocumentId == i.Id && r.Type == TaxDocumentTypes.Receipt).Sum(r => r.Sum);
            return new InvoiceBalance(i.TotalAgorot, credited, paid);
        });
    }
}
