using System.Text.Json.Serialization;

namespace AgentLocator.Grains.Data.Entities;

/// <summary>Which way a WhatsApp message went.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<WhatsAppDirection>))]
public enum WhatsAppDirection
{
    [JsonStringEnumMemberName("inbound")] Inbound,
    [JsonStringEnumMemberName("outbound")] Outbound,
}

/// <summary>
/// Where a message stands, in Twilio's MessageStatus words. Declared in their order: a status only ever moves to a
/// later one (<see cref="WhatsAppStatuses.Rank"/>), so callbacks that arrive out of order cannot move it back.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<WhatsAppStatus>))]
public enum WhatsAppStatus
{
    /// <summary>An inbound message: it reached us.</summary>
    [JsonStringEnumMemberName("received")] Received,

    /// <summary>An outbound message stored and handed (or about to be handed) to Twilio.</summary>
    [JsonStringEnumMemberName("queued")] Queued,
    [JsonStringEnumMemberName("sent")] Sent,
    [JsonStringEnumMemberName("delivered")] Delivered,
    [JsonStringEnumMemberName("read")] Read,
    [JsonStringEnumMemberName("undelivered")] Undelivered,
    [JsonStringEnumMemberName("failed")] Failed,
}

public static class WhatsAppStatuses
{
    /// <summary>
    /// queued &lt; sent &lt; delivered &lt; read; failed and undelivered are terminal (no later callback changes them).
    /// Twilio's words we do not track (accepted, sending, receiving, scheduled) count as queued.
    /// </summary>
    public static int Rank(this WhatsAppStatus status) => status switch
    {
        WhatsAppStatus.Received => 0,
        WhatsAppStatus.Queued => 1,
        WhatsAppStatus.Sent => 2,
        WhatsAppStatus.Delivered => 3,
        WhatsAppStatus.Read => 4,
        _ => 5,
    };

    public static bool IsFailure(this WhatsAppStatus status) => status is WhatsAppStatus.Failed or WhatsAppStatus.Undelivered;

    /// <summary>Twilio's MessageStatus word in our terms; null for a word we do not know.</summary>
    public static WhatsAppStatus? FromTwilio(string? word) => word?.Trim().ToLowerInvariant() switch
    {
        "accepted" or "scheduled" or "sending" or "queued" => WhatsAppStatus.Queued,
        "received" or "receiving" => WhatsAppStatus.Received,
        var known when WireNames<WhatsAppStatus>.TryParse(known, out var status) => status,
        _ => null,
    };
}

/// <summary>One media item of a message: Twilio's URL and type, and our copy's key once it has been fetched.</summary>
public sealed record WhatsAppMedia(string Url, string? ContentType, string? MediaKey = null, long? Bytes = null);

/// <summary>
/// One WhatsApp message, either way, between a business and a customer. Inbound rows are written by the message's
/// grain (keyed by MessageSid), outbound ones by the customer's thread grain; status callbacks only move
/// <see cref="Status"/> forward.
/// </summary>
public sealed class WhatsAppMessage : IBusinessOwned
{
    public Guid Id { get; set; }
    public Guid BusinessId { get; set; }

    /// <summary>Null only when no lead could be made for an inbound sender; the message is kept all the same.</summary>
    public Guid? CustomerId { get; set; }

    public WhatsAppDirection Direction { get; set; }

    /// <summary>Twilio's SM…/MM… id: unique, the idempotency key of both webhooks. Null while an outbound send is under way.</summary>
    public string? MessageSid { get; set; }

    /// <summary>E.164, without the <c>whatsapp:</c> prefix.</summary>
    public required string From { get; set; }
    public required string To { get; set; }

    public string? Body { get; set; }

    /// <summary>Inbound: the sender's WhatsApp profile name.</summary>
    public string? ProfileName { get; set; }

    /// <summary>Outbound by template: Twilio's Content SID and its variables (JSON object of "1": "…").</summary>
    public string? TemplateId { get; set; }
    public string? TemplateVariablesJson { get; set; }

    /// <summary>JSON array of <see cref="WhatsAppMedia"/>.</summary>
    public string MediaJson { get; set; } = "[]";

    public WhatsAppStatus Status { get; set; }

    /// <summary>Twilio's ErrorCode of a failed or undelivered message, and our Hebrew explanation of it.</summary>
    public int? ErrorCode { get; set; }
    public string? ErrorMessage { get; set; }

    /// <summary>Outbound: the client's Idempotency-Key; unique per business, so a retried request sends once.</summary>
    public string? IdempotencyKey { get; set; }

    /// <summary>Outbound: the agent who sent it.</summary>
    public Guid? SentByUserId { get; set; }

    /// <summary>Inbound: the sender's reply context (the message replied to, a quick-reply button).</summary>
    public string? RepliedToMessageSid { get; set; }
    public string? ButtonPayload { get; set; }

    /// <summary>Inbound voice notes: what was said, by the speech-to-text the calls use; null until transcribed (or when none is configured).</summary>
    public string? Transcript { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
