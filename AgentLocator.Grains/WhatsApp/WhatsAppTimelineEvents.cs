using AgentLocator.Grains.Data;
using AgentLocator.Grains.Data.Entities;
using AgentLocator.Grains.Timeline;

namespace AgentLocator.Grains.WhatsApp;

/// <summary>One <c>whatsapp</c> event per message (source key: the message id), added with the message row in its SaveChanges.</summary>
public static class WhatsAppTimelineEvents
{
    public static TimelineEvent Added(AgentLocatorDbContext db, WhatsAppMessage message, int mediaCount, string? actorName)
    {
        var inbound = message.Direction == WhatsAppDirection.Inbound;
        var row = TimelineEntries.New(TimelineKinds.WhatsApp, message.BusinessId, message.CustomerId, message.CreatedAt,
            inbound ? TimelineActorTypes.Caller : TimelineActorTypes.Agent, inbound ? null : message.SentByUserId, actorName);
        row.SourceId = message.Id;
        row.SourceKey = message.Id.ToString();
        row.Link = message.CustomerId is { } customer ? $"/customers/{customer}/whatsapp" : TimelineKinds.WhatsApp.LinkPrefix;
        row.PayloadJson = TimelineCards.Serialize(new WhatsAppCard(message.Id, WireNames<WhatsAppDirection>.Of(message.Direction),
            TimelineEntries.Truncate(message.Body, TimelineEntries.MaxSummary), message.TemplateId, mediaCount));
        var title = inbound ? "הודעת WhatsApp נכנסת" : message.TemplateId is null ? "הודעת WhatsApp יוצאת" : "תבנית WhatsApp נשלחה";
        var summary = TimelineEntries.FirstLine(message.Body) ?? (mediaCount > 0 ? $"{mediaCount} קבצים מצורפים" : null);
        TimelineEntries.SetTexts(row, title, summary, message.Body);
        db.TimelineEvents.Add(row);
        return row;
    }
}
