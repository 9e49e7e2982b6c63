using AgentLocator.Grains.Data;
using AgentLocator.Grains.Data.Entities;
using AgentLocator.Grains.Invoices;

namespace AgentLocator.Grains.Timeline;

/// <summary>
/// One <c>invoice</c> event per issued document (source key: the document id), added to the issuing transaction: an
/// invoice or quote is "issued", a receipt is a "payment", a credit invoice a "credit".
/// </summary>
public static class InvoiceTimelineEvents
{
    public static TimelineEvent Issued(AgentLocatorDbContext db, TaxDocument document, Guid? actorId, string? actorName, int? referencedNumber)
    {
        var change = document.Type switch
        {
            TaxDocumentTypes.Receipt => "payment",
            TaxDocumentTypes.CreditInvoice => "credit",
            _ => "issued",
        };
        var row = TimelineEntries.New(TimelineKinds.Invoice, document.BusinessId, document.CustomerId, document.IssuedAt!.Value,
            actorId is null ? TimelineActorTypes.System : TimelineActorTypes.Agent, actorId, actorName);
        row.SourceId = document.Id;
        row.SourceKey = document.Id.ToString();
        row.Link = TimelineKinds.Invoice.LinkTo(document.Id);
        row.PayloadJson = TimelineCards.Serialize(new InvoiceCard(document.Id, change, document.Type, document.Number!.Value,
            document.TotalAgorot, document.Currency, document.ReferencedDocumentId));
        var name = $"{TaxDocumentTypes.Hebrew(document.Type)} {document.Number}";
        var amount = $"₪{Agorot.Format(document.TotalAgorot)}";
        var (title, summary) = change switch
        {
            "payment" => ($"{name} — התקבל תשלום", referencedNumber is { } paid ? $"{amount} עבור חשבונית {paid}" : amount),
            "credit" => ($"{name} — זיכוי", referencedNumber is { } credited ? $"{amount} לחשבונית {credited}" : amount),
            _ => ($"{name} הופקה", amount),
        };
        TimelineEntries.SetTexts(row, title, summary, document.CustomerName);
        db.TimelineEvents.Add(row);
        return row;
    }

    /// <summary>A document the Tax Authority refused was cancelled; it keeps its number.</summary>
    public static TimelineEvent Cancelled(AgentLocatorDbContext db, TaxDocument document, DateTimeOffset at, Guid actorId, string? actorName)
    {
        var row = TimelineEntries.New(TimelineKinds.Invoice, document.BusinessId, document.CustomerId, at, TimelineActorTypes.Agent, actorId, actorName);
        row.SourceId = document.Id;
        row.SourceKey = $"{document.Id:N}:cancelled";
        row.Link = TimelineKinds.Invoice.LinkTo(document.Id);
        row.PayloadJson = TimelineCards.Serialize(new InvoiceCard(document.Id, "cancelled", document.Type, document.Number!.Value,
            document.TotalAgorot, document.Currency, document.ReferencedDocumentId));
        TimelineEntries.SetTexts(row, $"{TaxDocumentTypes.Hebrew(document.Type)} {document.Number} בוטלה", "רשות המסים סירבה להקצות מספר",
            document.CustomerName);
        db.TimelineEvents.Add(row);
        return row;
    }

    /// <summary>The document's link went to the customer: each send is its own event.</summary>
    public static TimelineEvent Sent(AgentLocatorDbContext db, TaxDocument document, DateTimeOffset at, Guid actorId, string? actorName,
        string channelName, string to)
    {
        var row = TimelineEntries.New(TimelineKinds.Invoice, document.BusinessId, document.CustomerId, at, TimelineActorTypes.Agent, actorId, actorName);
        row.SourceId = document.Id;
        row.SourceKey = $"{document.Id:N}:sent:{Guid.CreateVersion7():N}";
        row.Link = TimelineKinds.Invoice.LinkTo(document.Id);
        row.PayloadJson = TimelineCards.Serialize(new InvoiceCard(document.Id, "sent", document.Type, document.Number!.Value,
            document.TotalAgorot, document.Currency, document.ReferencedDocumentId));
        TimelineEntries.SetTexts(row, $"{TaxDocumentTypes.Hebrew(document.Type)} {document.Number} נשלחה ללקוח", $"ב-{channelName} אל {to}",
            document.CustomerName);
        db.TimelineEvents.Add(row);
        return row;
    }

    /// <summary>
    /// The customer opened a public link to the document. One event per link (its id is in the source key, which the table
    /// keeps unique), so reopening the same link adds nothing.
    /// </summary>
    public static TimelineEvent Opened(AgentLocatorDbContext db, TaxDocument document, Guid linkId, DateTimeOffset at)
    {
        var row = TimelineEntries.New(TimelineKinds.Invoice, document.BusinessId, document.CustomerId, at, TimelineActorTypes.System, null, null);
        row.SourceId = document.Id;
        row.SourceKey = OpenedKey(document.Id, linkId);
        row.Link = TimelineKinds.Invoice.LinkTo(document.Id);
        row.PayloadJson = TimelineCards.Serialize(new InvoiceCard(document.Id, "opened", document.Type, document.Number!.Value,
            document.TotalAgorot, document.Currency, document.ReferencedDocumentId));
        TimelineEntries.SetTexts(row, $"{TaxDocumentTypes.Hebrew(document.Type)} {document.Number} נפתחה על ידי הלקוח", null, document.CustomerName);
        db.TimelineEvents.Add(row);
        return row;
    }

    public static string OpenedKey(Guid documentId, Guid linkId) => $"{documentId:N}:opened:{linkId:N}";
}
