using AgentLocator.Grains.Audit;
using AgentLocator.Grains.Data;
using AgentLocator.Grains.Data.Entities;
using AgentLocator.Grains.Timeline;
using Microsoft.EntityFrameworkCore;

namespace AgentLocator.Grains.Invoices;

/// <summary>The reasons a document waits, as the user reads them.</summary>
public static class AllocationReasons
{
    public const string NotYetRequested = "ממתין לבקשת מספר הקצאה מרשות המסים";
    public const string NotConnected = "העסק אינו מחובר לרשות המסים: יש לחבר את החשבון בהגדרות החשבוניות";
    public const string Unavailable = "רשות המסים אינה זמינה כרגע; ננסה שוב";
    public const string TimedOut = "רשות המסים לא ענתה בזמן; ננסה שוב";
}

/// <summary>
/// The end of a pending document's wait: released with its allocation number (status to issued, with its timeline event, in
/// one transaction), or a failed attempt recorded with its reason and the time of the next one. The context is the
/// business's, so the tenant filter applies. A person's cancel is audited in its transaction; the background attempts, which
/// only release or record failures, pass no <c>audit</c>.
/// </summary>
public sealed class TaxDocumentRelease(AgentLocatorDbContext db, TimeProvider clock, IAuditLog? audit = null)
{
    public async Task<TaxDocumentOutcome> ReleaseAsync(Guid documentId, string allocationNumber, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Locks the row, so a background retry and the button never release it twice.
        await db.Database.ExecuteSqlInterpolatedAsync($"SELECT 1 FROM tax_documents WHERE id = {documentId} FOR UPDATE", cancellationToken);
        var document = await db.TaxDocuments.FirstOrDefaultAsync(d => d.Id == documentId, cancellationToken);
        if (document is null)
        {
            return TaxDocumentOutcome.NotFound;
        }
        if (document.Status != TaxDocumentStatuses.PendingAllocation)
        {
            return document.Status == TaxDocumentStatuses.Issued ? TaxDocumentOutcome.Ok(document)
                : TaxDocumentOutcome.Conflict("The document does not wait for an allocation number.");
        }
        var now = clock.GetUtcNow();
        document.Status = TaxDocumentStatuses.Issued;
        document.AllocationNumber = allocationNumber;
        document.IssuedAt = now;
        var state = await db.TaxDocumentAllocations.FirstAsync(a => a.DocumentId == documentId, cancellationToken);
        (state.State, state.Reason, state.NextAttemptAt, state.LastAttemptAt) = (AllocationStates.Granted, null, null, now);
        var actorName = document.IssuedById is { } userId
            ? await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.DisplayName).FirstOrDefaultAsync(cancellationToken)
            : null;
        InvoiceTimelineEvents.Issued(db, document, document.IssuedById, actorName, null);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TaxDocumentOutcome.Ok(document);
    }

    /// <summary>
    /// Cancels a document the Authority refused: it keeps its number (the sequence stays gapless) and becomes cancelled, with
    /// an <c>invoice</c> timeline event, in one transaction. The database trigger allows this move only from
    /// pending_allocation with a refused allocation request, whatever the caller checked.
    /// </summary>
    public async Task<TaxDocumentOutcome> CancelRefusedAsync(Guid documentId, Guid userId, string? userName, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlInterpolatedAsync($"SELECT 1 FROM tax_documents WHERE id = {documentId} FOR UPDATE", cancellationToken);
        var document = await db.TaxDocuments.FirstOrDefaultAsync(d => d.Id == documentId, cancellationToken);
        if (document is null)
        {
            return TaxDocumentOutcome.NotFound;
        }
        var refused = await db.TaxDocumentAllocations.AsNoTracking()
            .AnyAsync(a => a.DocumentId == documentId && a.State == AllocationStates.Refused, cancellationToken);
        if (document.Status != TaxDocumentStatuses.PendingAllocation || !refused)
        {
            return TaxDocumentOutcome.Conflict("Only a document the Tax Authority refused an allocation number for can be cancelled.",
                "An issued document is corrected by a credit invoice.");
        }
        document.Status = TaxDocumentStatuses.Cancelled;
        InvoiceTimelineEvents.Cancelled(db, document, clock.GetUtcNow(), userId, userName);
        audit?.Record(db, AuditActions.TaxDocumentCancelled, TaxDocumentWriter.AuditTargetOf(document),
            new { type = document.Type, number = document.Number, reason = "allocation-refused" });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TaxDocumentOutcome.Ok(document);
    }

    /// <summary>A failed attempt: refused ones wait for a person; others are tried again at <paramref name="nextAttemptAt"/>.</summary>
    public async Task RecordFailureAsync(Guid documentId, bool refused, string reason, DateTimeOffset? nextAttemptAt, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var state = refused ? AllocationStates.Refused : AllocationStates.Pending;
        var next = refused ? null : nextAttemptAt;
        var trimmed = reason.Length > 500 ? reason[..500] : reason;
        await db.TaxDocumentAllocations.Where(a => a.DocumentId == documentId && a.State != AllocationStates.Granted)
            .ExecuteUpdateAsync(set => set.SetProperty(a => a.State, state).SetProperty(a => a.Reason, trimmed)
                .SetProperty(a => a.NextAttemptAt, next).SetProperty(a => a.LastAttemptAt, now), cancellationToken);
    }

    /// <summary>Counts an attempt about to be made; false when the document no longer waits.</summary>
    public async Task<TaxDocumentAllocation?> BeginAttemptAsync(Guid documentId, TimeSpan lease, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var until = now + lease;
        var claimed = await db.TaxDocumentAllocations.Where(a => a.DocumentId == documentId && a.State != AllocationStates.Granted)
            .ExecuteUpdateAsync(set => set.SetProperty(a => a.Attempts, a => a.Attempts + 1).SetProperty(a => a.NextAttemptAt, until)
                .SetProperty(a => a.State, AllocationStates.Pending), cancellationToken);
        return claimed == 0 ? null
            : await db.TaxDocumentAllocations.AsNoTracking().FirstOrDefaultAsync(a => a.DocumentId == documentId, cancellationToken);
    }
}
