using AgentLocator.Grains.Abstractions;
using AgentLocator.Grains.Data;
using AgentLocator.Grains.Data.Entities;

namespace AgentLocator.Grains.Timeline;

/// <summary>
/// A customer's own changes: created (by an agent, a call or an import; once per customer), fields updated with old
/// and new values, and merged (an import filling gaps).
/// </summary>
public static class CustomerTimelineEvents
{
    private static readonly (string Field, string Label, Func<CustomerSnapshot, string?> Read)[] Fields =
    [
        ("name", "שם", c => c.Name),
        ("phone", "טלפון", c => c.Phone),
        ("email", "אימייל", c => c.Email),
        ("city", "עיר", c => c.City),
        ("taxId", "מספר עוסק / ח.פ.", c => c.TaxId),
        ("status", "סטטוס", c => c.Status),
        ("tags", "תגיות", c => c.Tags.Count == 0 ? null : string.Join(", ", c.Tags)),
    ];

    public static TimelineEvent Created(AgentLocatorDbContext db, Customer customer, ChangeOrigin? origin)
    {
        var source = origin?.Source ?? ChangeOrigin.Agent;
        var change = source == ChangeOrigin.Import ? TimelineCards.CustomerImported : TimelineCards.CustomerCreated;
        var row = New(customer.BusinessId, customer.Id, customer.CreatedAt, origin);
        row.SourceKey = $"{customer.Id}:{TimelineCards.CustomerCreated}";
        var after = Snapshot(customer);
        var fields = Fields.Select(f => (f, value: f.Read(after))).Where(x => x.value is not null)
            .Select(x => new FieldChangeLine(x.f.Field, x.f.Label, null, x.value)).ToList();
        var title = source switch
        {
            ChangeOrigin.Call => "ליד חדש משיחה נכנסת",
            ChangeOrigin.WhatsApp => "ליד חדש מהודעת WhatsApp",
            ChangeOrigin.Import => "הלקוח יובא מקובץ",
            _ => "הלקוח נוצר",
        };
        Fill(row, change, source, fields, title, customer.Name);
        db.TimelineEvents.Add(row);
        return row;
    }

    /// <summary>An event only when a shown field changed; <paramref name="merged"/> marks an import's merge.</summary>
    public static TimelineEvent? Changed(AgentLocatorDbContext db, CustomerSnapshot before, Customer customer, ChangeOrigin? origin, DateTimeOffset at, bool merged)
    {
        var after = Snapshot(customer);
        var fields = Fields.Select(f => new FieldChangeLine(f.Field, f.Label, f.Read(before), f.Read(after)))
            .Where(line => line.Old != line.New).ToList();
        if (fields.Count == 0)
        {
            return null;
        }
        var source = origin?.Source ?? (merged ? ChangeOrigin.Import : ChangeOrigin.Agent);
        var row = New(customer.BusinessId, customer.Id, at, origin);
        var change = merged ? TimelineCards.CustomerMerged : TimelineCards.CustomerUpdated;
        var title = merged ? "פרטים נוספו מייבוא" : "פרטי הלקוח עודכנו";
        Fill(row, change, source, fields, title, string.Join("; ", fields.Select(f => $"{f.Label}: {f.Old ?? "—"} ← {f.New ?? "—"}")));
        db.TimelineEvents.Add(row);
        return row;
    }

    private static TimelineEvent New(Guid businessId, Guid customerId, DateTimeOffset at, ChangeOrigin? origin)
    {
        var actorType = origin?.Source is ChangeOrigin.Call or ChangeOrigin.WhatsApp ? TimelineActorTypes.Caller
            : origin?.ActorId is not null ? TimelineActorTypes.Agent : TimelineActorTypes.System;
        var row = TimelineEntries.New(TimelineKinds.Customer, businessId, customerId, at, actorType, origin?.ActorId, origin?.ActorName);
        row.SourceId = customerId;
        row.Link = TimelineKinds.Customer.LinkTo(customerId);
        return row;
    }

    private static void Fill(TimelineEvent row, string change, string source, List<FieldChangeLine> fields, string title, string? summary)
    {
        row.PayloadJson = TimelineCards.Serialize(new CustomerChangeCard(change, source, fields));
        TimelineEntries.SetTexts(row, title, summary);
    }

    private static CustomerSnapshot Snapshot(Customer c) => Customers.CustomerMapping.ToSnapshot(c);
}
