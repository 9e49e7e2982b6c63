using AgentLocator.Grains.Data;
using AgentLocator.Grains.Data.Entities;
using AgentLocator.Grains.Timeline;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace AgentLocator.Api.Invoices;

/// <summary>
/// One step in a document's life. <c>kind</c>: issued, sent, opened, paid, credited, converted, cancelled. <c>detail</c>: how
/// it was sent ("ב-SMS אל 054-…"); <c>relatedDocumentId</c>/<c>relatedNumber</c>/<c>amountAgorot</c>: the receipt, credit
/// invoice or invoice it concerns; <c>actor</c>: who did it, when a person did.
/// </summary>
public sealed record DocumentHistoryEvent(string Kind, DateTimeOffset At, string? Detail, Guid? RelatedDocumentId, string? RelatedType,
    int? RelatedNumber, long? AmountAgorot, string? Actor);

public sealed record DocumentHistoryResponse(IReadOnlyList<DocumentHistoryEvent> Events);

/// <summary>
/// <c>GET /api/invoices/documents/{id}/history</c>: the document's events in time order, read from what is already stored:
/// its own <c>invoice</c> timeline events (issued, sent, opened, cancelled: each carries the document id as its source), and
/// the documents that point at it (receipts that paid it, credit invoices, the invoice a quote became).
/// </summary>
public static class DocumentHistory
{
    public const string Issued = "issued";
    public const string Sent = "sent";
    public const string Opened = "opened";
    public const string Paid = "paid";
    public const string Credited = "credited";
    public const string Converted = "converted";
    public const string Cancelled = "cancelled";

    public static RouteGroupBuilder MapDocumentHistory(this RouteGroupBuilder invoices)
    {
        invoices.MapGet("/documents/{id:guid}/history", GetAsync)
            .WithSummary("The document's history, oldest first: issued, sent (channel), opened, paid, credited, converted, cancelled.");
        return invoices;
    }

    public static async Task<Results<Ok<DocumentHistoryResponse>, ProblemHttpResult>> GetAsync(Guid id, AgentLocatorDbContext db,
        CancellationToken cancellationToken)
    {
        if (!await db.TaxDocuments.AnyAsync(d => d.Id == id, cancellationToken))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Document not found.");
        }
        var own = await db.TimelineEvents.AsNoTracking()
            .Where(e => e.Kind == TimelineKinds.Invoice.Name && e.SourceId == id)
            .Select(e => new { e.SourceKey, e.OccurredAt, e.Summary, e.ActorName, e.ActorType })
            .ToListAsync(cancellationToken);
        var related = await db.TaxDocuments.AsNoTracking()
            .Where(d => (d.ReferencedDocumentId == id && d.Status == TaxDocumentStatuses.Issued) || d.SourceDocumentId == id)
            .Select(d => new { d.Id, d.Type, d.Number, d.Status, d.ReferencedDocumentId, d.IssuedAt, d.CreatedAt, d.TotalAgorot })
            .ToListAsync(cancellationToken);

        var events = new List<DocumentHistoryEvent>();
        foreach (var e in own)
        {
            var actor = e.ActorType == TimelineActorTypes.Agent ? e.ActorName : null;
            var kind = KindOf(id, e.SourceKey);
            if (kind is not null)
            {
                events.Add(new(kind, e.OccurredAt.ToUniversalTime(), kind == Sent ? e.Summary : null, null, null, null, null, actor));
            }
        }
        foreach (var d in related)
        {
            if (d.ReferencedDocumentId == id && d.IssuedAt is { } issuedAt && d.Type is TaxDocumentTypes.Receipt or TaxDocumentTypes.CreditInvoice)
            {
                events.Add(new(d.Type == TaxDocumentTypes.Receipt ? Paid : Credited, issuedAt.ToUniversalTime(), null, d.Id, d.Type, d.Number,
                    d.TotalAgorot, null));
            }
            else if (d.ReferencedDocumentId != id)
            {
                events.Add(new(Converted, d.CreatedAt.ToUniversalTime(), null, d.Id, d.Type, d.Number, null, null));
            }
        }
        return TypedResults.Ok(new DocumentHistoryResponse([.. events.OrderBy(e => e.At).ThenBy(e => Order(e.Kind))]));
    }

    /// <summary>The document's own timeline events are keyed by its id: the issue alone, the others with their step after it.</summary>
    private static string? KindOf(Guid id, string? sourceKey)
    {
        if (sourceKey == id.ToString())
        {
            return Issued;
        }
        var step = sourceKey?.Split(':') is [_, var name, ..] ? name : null;
        return step switch
        {
            "sent" => Sent,
            "opened" => Opened,
            "cancelled" => Cancelled,
            _ => null,
        };
    }

    /// <summary>Steps at the same instant read in the order they happen.</summary>
    private static int Order(string kind) => kind switch
    {
        Issued => 0,
        Sent => 1,
        Opened => 2,
        _ => 3,
    };
}
