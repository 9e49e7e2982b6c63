using AgentLocator.Grains.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AgentLocator.Api.Integrations.TaxAuthority;

/// <summary>
/// Tries pending allocation numbers again when their back-off is over, on every instance: a due row is claimed by moving
/// its next attempt past the attempt's lease (<c>FOR UPDATE SKIP LOCKED</c>, so two instances never take the same one),
/// then attempted as the business it belongs to. Refused documents are left to the retry button; a document just issued is
/// left to the issuing request's own first attempt.
/// </summary>
public sealed class AllocationRetrier(TenantDbContextFactory contexts, AllocationAttempts attempts, IOptions<TaxAuthorityOptions> options,
    TimeProvider clock, ILogger<AllocationRetrier> logger) : BackgroundService
{
    private const int BatchSize = 20;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await RunDueAsync(stoppingToken);
                }
                catch (Exception error) when (error is not OperationCanceledException)
                {
                    // The database restarting, say: the rows wait in Postgres for the next poll.
                    logger.LogWarning(error, "Pending allocation numbers could not be retried; will try on the next poll.");
                }
                await Task.Delay(options.Value.PollInterval, clock, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    internal async Task RunDueAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var leaseLength = options.Value.RequestTimeout * 3;
        var lease = now + leaseLength;
        // A document never attempted yet belongs, for one lease, to the request that issued it: that request asks for its
        // number right after the commit, and a poll in between would ask a second time, concurrently.
        var issuedBefore = now - leaseLength;
        List<Grains.Data.Entities.TaxDocumentAllocation> due;
        await using (var across = contexts.AcrossTenants())
        {
            due = await across.TaxDocumentAllocations.FromSqlInterpolated($"""
                UPDATE tax_document_allocations SET next_attempt_at = {lease}
                WHERE document_id IN (
                    SELECT document_id FROM tax_document_allocations
                    WHERE state = 'pending' AND next_attempt_at <= {now} AND (attempts > 0 OR created_at <= {issuedBefore})
                    ORDER BY next_attempt_at
                    LIMIT {BatchSize}
                    FOR UPDATE SKIP LOCKED)
                RETURNING *
                """).IgnoreQueryFilters().AsNoTracking().ToListAsync(cancellationToken);
        }
        foreach (var row in due)
        {
            await using var db = contexts.For(row.BusinessId);
            await attempts.AttemptAsync(db, row.DocumentId, cancellationToken);
        }
    }
}
