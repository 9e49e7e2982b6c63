using System.Text.Json;
using AgentLocator.Grains.Data;
using AgentLocator.Grains.Data.Entities;
using AgentLocator.Grains.Invoices;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AgentLocator.Api.Integrations.TaxAuthority;

/// <summary>
/// One attempt at a pending document's allocation number: counted first (which also leases the row against the background
/// retry), then asked of the Authority; a number releases the document, a refusal waits for a person, anything else is
/// tried again after a doubling back-off. Used right after the issue, by the retry button and by <see cref="AllocationRetrier"/>.
/// </summary>
public sealed class AllocationAttempts(IAllocationNumbers authority, IOptions<TaxAuthorityOptions> options, TimeProvider clock,
    ILogger<AllocationAttempts> logger)
{
    /// <summary>The answer, or null when the document does not wait (released meanwhile, or not found).</summary>
    public async Task<AllocationAnswer?> AttemptAsync(AgentLocatorDbContext db, Guid documentId, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var release = new TaxDocumentRelease(db, clock);
        var state = await release.BeginAttemptAsync(documentId, settings.RequestTimeout * 3, cancellationToken);
        var document = await db.TaxDocuments.AsNoTracking().Include(d => d.Lines).FirstOrDefaultAsync(d => d.Id == documentId, cancellationToken);
        if (state is null || document is not { Status: TaxDocumentStatuses.PendingAllocation })
        {
            return null;
        }
        var issuer = JsonSerializer.Deserialize<IssuerSnapshot>(document.IssuerJson ?? "{}", JsonSerializerOptions.Web);
        var request = new AllocationRequest(document.BusinessId, document.Id, document.Type, document.Number!.Value, document.DocumentDate,
            DateOnly.FromDateTime(document.IssuedAt!.Value.UtcDateTime), issuer?.TaxId ?? "0", document.CustomerTaxId!, document.CustomerName,
            document.SubtotalAgorot, document.VatAgorot, document.TotalAgorot, document.VatRateBasisPoints,
            [.. document.Lines.OrderBy(l => l.Position).Select(l => new AllocationLine(l.Position, l.Description, l.Quantity, l.UnitPriceAgorot,
                l.DiscountAgorot, l.AmountAgorot))]);
        var answer = await authority.RequestAsync(request, cancellationToken);
        switch (answer.Outcome)
        {
            case AllocationOutcome.Granted:
                await release.ReleaseAsync(documentId, answer.AllocationNumber!, cancellationToken);
                logger.LogInformation("Document {DocumentId} released with its allocation number after {Attempts} attempt(s).", documentId, state.Attempts);
                break;
            case AllocationOutcome.Refused:
                await release.RecordFailureAsync(documentId, refused: true, answer.Reason!, null, cancellationToken);
                break;
            default:
                var next = clock.GetUtcNow() + settings.BackoffAfter(state.Attempts);
                await release.RecordFailureAsync(documentId, refused: false, answer.Reason!, next, cancellationToken);
                break;
        }
        return answer;
    }
}
