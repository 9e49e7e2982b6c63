using System.Text.Json;
using AgentLocator.Grains.Abstractions;
using AgentLocator.Grains.Data;
using AgentLocator.Grains.Data.Entities;
using AgentLocator.Grains.Features;
using AgentLocator.Grains.Notifications;
using Microsoft.EntityFrameworkCore;

namespace AgentLocator.Grains.WhatsApp;

/// <summary>
/// The Web Push that tells an agent a customer wrote on WhatsApp. It goes to the business's default agent (the one who
/// gets calls' follow-ups; else its first admin), when that user has the <c>whatsapp</c> feature, and is recorded in
/// the push outbox in the transaction that stores the message. It is recorded whether or not a tab is open: the
/// service worker skips showing it when a window of the app is focused (the live <c>whatsapp:message</c> is there).
/// </summary>
public static class WhatsAppPushes
{
    public const string Type = "whatsapp:message";

    /// <summary>A day-old "new message" is stale; the thread and the inbox still show it.</summary>
    public static readonly TimeSpan TimeToLive = TimeSpan.FromHours(24);

    private const int MaxPreview = 300;

    /// <summary>Where the notification's click goes: the customer's thread in the WhatsApp inbox.</summary>
    public static string ThreadUrl(Guid customerId) => $"/whatsapp/{customerId}";

    /// <summary>The user to notify, or null when there is none or they may not see WhatsApp.</summary>
    public static async Task<Guid?> RecipientAsync(AgentLocatorDbContext db, IGrainFactory grains, Guid businessId)
    {
        var chosen = await db.Businesses.Where(b => b.Id == businessId).Select(b => b.DefaultAgentId).FirstOrDefaultAsync();
        var user = chosen is { } agent && await db.Users.AnyAsync(u => u.Id == agent)
            ? chosen
            : await db.Users.OrderBy(u => u.Role == UserRoles.Admin ? 0 : 1).ThenBy(u => u.CreatedAt).Select(u => (Guid?)u.Id).FirstOrDefaultAsync();
        if (user is not { } id)
        {
            return null;
        }
        var features = await grains.GetGrain<IBusinessGrain>(businessId).GetEffectiveFeatures(id);
        return features.Contains(Feature.WhatsApp.ToName()) ? id : null;
    }

    /// <summary>The payload the service worker reads: who wrote, a line of what, and the thread to open.</summary>
    public static PushMessage NewMessage(WhatsAppMessage message, string senderName, int mediaCount)
    {
        var customer = message.CustomerId!.Value;
        var preview = TruncatePreview(message.Body) ?? (mediaCount > 0 ? $"{mediaCount} קבצים מצורפים" : null);
        var payload = new WhatsAppPushPayload(Type, customer, message.Id, senderName, preview, ThreadUrl(customer), message.CreatedAt.ToUniversalTime());
        return new PushMessage(JsonSerializer.Serialize(payload, JsonSerializerOptions.Web),
            // One notification per conversation: a second message replaces the first one still waiting at the push service.
            Topic: "wa-" + customer.ToString("N")[..24],
            TimeToLive: TimeToLive);
    }

    private static string? TruncatePreview(string? body) =>
        string.IsNullOrWhiteSpace(body) ? null : body.Length <= MaxPreview ? body : body[..MaxPreview] + "…";
}

/// <summary>What a WhatsApp push carries (camelCase JSON).</summary>
public sealed record WhatsAppPushPayload(string Type, Guid CustomerId, Guid MessageId, string From, string? Body, string Url, DateTimeOffset ReceivedAt);
