using AgentLocator.Grains.Data;
using AgentLocator.Grains.Data.Entities;
using AgentLocator.Grains.Timeline;
using Microsoft.EntityFrameworkCore;

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

    /// <summary>Writes a voice note's transcript onto the message's event (its card, and its text for search), tracked in <paramref name="db"/>.</summary>
    public static async Task TranscribedAsync(AgentLocatorDbContext db, WhatsAppMessage message, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var row = await db.TimelineEvents.FirstOrDefaultAsync(e => e.SourceId == message.Id && e.Kind == TimelineKinds.WhatsApp.Name, cancellationToken);
        if (row is null || TimelineCards.Deserialize<WhatsAppCard>(row.PayloadJson) is not { } card)
        {
            return;
        }
        row.PayloadJson = TimelineCards.Serialize(card with { Transcript = TimelineEntries.Truncate(message.Transcript, TimelineEntries.MaxSummary) });
        if (string.IsNullOrWhiteSpace(message.Body))
        {
            // A voice note alone: what was said reads better on the card than "1 file attached".
            row.Summary = TimelineEntries.FirstLine(message.Transcript);
        }
        row.SearchText = string.Join('\n', new[] { row.SearchText, message.Transcript }.Where(text => !string.IsNullOrWhiteSpace(text)));
        row.UpdatedAt = now;
    }
}
