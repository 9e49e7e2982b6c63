using AgentLocator.Grains.Abstractions;
using AgentLocator.Grains.Timeline;

namespace AgentLocator.Api.Timeline;

/// <summary>Turns a stored event into the wire item, its card under the property its kind registers.</summary>
public static class TimelineItems
{
    /// <param name="viewer">Null for a live push, which goes to a group: note permissions are then false (see the contract).</param>
    public static TimelineItem From(TimelineEntry entry, TimelineViewer? viewer)
    {
        var item = new TimelineItem(entry.Id, entry.Kind, entry.OccurredAt.ToUniversalTime(), entry.UpdatedAt.ToUniversalTime(), entry.Title, entry.Summary,
            new TimelineActor(entry.ActorType, entry.ActorId, entry.ActorName), entry.Link,
            entry.CustomerId is { } customerId ? new TimelineCustomer(customerId, entry.CustomerName ?? "") : null, entry.Pinned);
        if (!TimelineKinds.TryGet(entry.Kind, out var kind) || kind.CardProperty is null)
        {
            return item;
        }
        return kind.Name switch
        {
            "call" => item with { Call = TimelineCards.Deserialize<CallCard>(entry.PayloadJson) },
            "task" => item with { Task = Utc(TimelineCards.Deserialize<TaskCard>(entry.PayloadJson)) },
            "note" => item with { Note = NoteFor(TimelineCards.Deserialize<NoteCard>(entry.PayloadJson), viewer) },
            "customer" => item with { CustomerChange = TimelineCards.Deserialize<CustomerChangeCard>(entry.PayloadJson) },
            "whatsapp" => item with { WhatsApp = TimelineCards.Deserialize<WhatsAppCard>(entry.PayloadJson) },
            "invoice" => item with { Invoice = TimelineCards.Deserialize<InvoiceCard>(entry.PayloadJson) },
            "contract" => item with { Contract = TimelineCards.Deserialize<ContractCard>(entry.PayloadJson) },
            _ => item,
        };
    }

    private static TaskCard? Utc(TaskCard? card) => card is null ? null
        : card with { DueAt = card.DueAt?.ToUniversalTime(), SnoozedUntil = card.SnoozedUntil?.ToUniversalTime() };

    private static NoteItemCard? NoteFor(NoteCard? card, TimelineViewer? viewer)
    {
        if (card is null)
        {
            return null;
        }
        var isAuthor = viewer is not null && card.AuthorId == viewer.UserId;
        return new NoteItemCard(card.NoteId, card.Text, card.AuthorId, card.Edited, isAuthor, isAuthor || viewer?.IsAdmin == true);
    }
}
