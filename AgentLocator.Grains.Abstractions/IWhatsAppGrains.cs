using Orleans.Concurrency;

namespace AgentLocator.Grains.Abstractions;

/// <summary>
/// One WhatsApp message as Twilio knows it (keyed by its MessageSid). Twilio retries its webhooks and sends status
/// callbacks in no particular order, so both methods are idempotent: one row per MessageSid, and a status that only
/// moves forward.
/// </summary>
[Alias("AgentLocator.IWhatsAppMessageGrain")]
public interface IWhatsAppMessageGrain : IGrainWithStringKey
{
    /// <summary>An inbound message (Twilio's messaging webhook): stored once, with its sender found or made a lead.</summary>
    [Alias("Receive")]
    Task<InboundWhatsAppResult> Receive(InboundWhatsApp message);

    /// <summary>Twilio's status callback for an outbound message. False when no message of ours has this MessageSid.</summary>
    [Alias("RecordStatus")]
    Task<bool> RecordStatus(WhatsAppStatusUpdate update);
}

/// <summary>
/// One customer's WhatsApp thread (keyed by the customer's id): the single writer of what agents send, so the
/// 24-hour window check, the idempotency key and the send happen one at a time per customer.
/// </summary>
[Alias("AgentLocator.IWhatsAppThreadGrain")]
public interface IWhatsAppThreadGrain : IGrainWithGuidKey
{
    [Alias("Send")]
    Task<WhatsAppSendResult> Send(Guid businessId, OutboundWhatsApp message);

    /// <summary>Sends a failed outbound message again (the same text or template), as a new Twilio message.</summary>
    [Alias("Retry")]
    Task<WhatsAppSendResult> Retry(Guid businessId, Guid messageId, Guid userId);
}

[GenerateSerializer, Immutable]
[Alias("AgentLocator.InboundWhatsAppMedia")]
public sealed record InboundWhatsAppMedia([property: Id(0)] string Url, [property: Id(1)] string? ContentType);

/// <summary>What Twilio's messaging webhook posts (From and To as <c>whatsapp:+972…</c>).</summary>
[GenerateSerializer, Immutable]
[Alias("AgentLocator.InboundWhatsApp")]
public sealed record InboundWhatsApp(
    [property: Id(0)] string From,
    [property: Id(1)] string To,
    [property: Id(2)] string? Body,
    [property: Id(3)] string? ProfileName,
    [property: Id(4)] IReadOnlyList<InboundWhatsAppMedia> Media,
    [property: Id(5)] string? RepliedToMessageSid = null,
    [property: Id(6)] string? ButtonText = null,
    [property: Id(7)] string? ButtonPayload = null);

public enum InboundWhatsAppOutcome
{
    Stored,

    /// <summary>The same MessageSid again: nothing new was stored.</summary>
    Duplicate,

    /// <summary>No business has this WhatsApp sender (or the number is not one).</summary>
    UnknownNumber,

    /// <summary>The sender's number is not a phone number; nothing can be stored for it.</summary>
    UnknownSender,
}

[GenerateSerializer, Immutable]
[Alias("AgentLocator.InboundWhatsAppResult")]
public sealed record InboundWhatsAppResult(
    [property: Id(0)] InboundWhatsAppOutcome Outcome,
    [property: Id(1)] Guid? MessageId = null,
    [property: Id(2)] Guid? BusinessId = null,
    [property: Id(3)] Guid? CustomerId = null,
    [property: Id(4)] bool NewLead = false);

/// <summary>Twilio's status callback: MessageStatus, and ErrorCode for failed/undelivered.</summary>
[GenerateSerializer, Immutable]
[Alias("AgentLocator.WhatsAppStatusUpdate")]
public sealed record WhatsAppStatusUpdate(
    [property: Id(0)] string Status,
    [property: Id(1)] int? ErrorCode,
    [property: Id(2)] Guid? MessageId = null);

/// <summary>
/// What an agent sends: free text (<see cref="Body"/>) or an approved template with its variables. <see cref="To"/>: another
/// number than the customer's own (a signer's, for the customer's signature request); the message is still kept in the
/// customer's thread, and its 24-hour window is that number's. <see cref="UserId"/> is <see cref="Guid.Empty"/> when no
/// agent sent it (a signing link sent when the previous signer signed).
/// </summary>
[GenerateSerializer, Immutable]
[Alias("AgentLocator.OutboundWhatsApp")]
public sealed record OutboundWhatsApp(
    [property: Id(0)] Guid UserId,
    [property: Id(1)] string? Body,
    [property: Id(2)] string? TemplateId,
    [property: Id(3)] IReadOnlyDictionary<string, string>? Variables,
    [property: Id(4)] string? IdempotencyKey,
    [property: Id(5)] string? To = null);

public enum WhatsAppSendOutcome
{
    /// <summary>Stored and handed to Twilio (its answer, success or failure, is on the message).</summary>
    Sent,

    /// <summary>The idempotency key was used before: the earlier message is answered, nothing is sent again.</summary>
    Replayed,
    CustomerNotFound,
    MessageNotFound,

    /// <summary>The customer has no phone number to write to.</summary>
    NoPhone,

    /// <summary>The business has no WhatsApp sender number.</summary>
    NoSender,

    /// <summary>Free text outside the 24 hours after the customer's last message: only a template may be sent.</summary>
    NeedsTemplate,

    /// <summary>A retry of a message that did not fail.</summary>
    NotRetryable,

    /// <summary>The same idempotency key with a different message.</summary>
    KeyReused,
}

[GenerateSerializer, Immutable]
[Alias("AgentLocator.WhatsAppSendResult")]
public sealed record WhatsAppSendResult(
    [property: Id(0)] WhatsAppSendOutcome Outcome,
    [property: Id(1)] Guid? MessageId = null,
    [property: Id(2)] DateTimeOffset? WindowClosedAt = null);
