using AgentLocator.Grains.Data.Entities;

namespace AgentLocator.Api.WhatsApp;

/// <summary>The newest message of a conversation, as the inbox row previews it.</summary>
public sealed record WhatsAppLastMessage(
    Guid Id, WhatsAppDirection Direction, WhatsAppStatus Status, string? Preview, string? TemplateId, int MediaCount, DateTimeOffset At);

/// <summary>The agent a conversation is assigned to.</summary>
public sealed record WhatsAppAgent(Guid Id, string DisplayName);

/// <summary>One row of the inbox: a customer with WhatsApp messages.</summary>
public sealed record WhatsAppConversationRow(
    Guid CustomerId, string CustomerName, string? Phone, WhatsAppLastMessage LastMessage, int Unread, WhatsAppAgent? Assignee);

/// <summary>A page of conversations, newest message first; <c>nextCursor</c> reads the next (older) page.</summary>
public sealed record WhatsAppConversationsPage(IReadOnlyList<WhatsAppConversationRow> Items, string? NextCursor);

/// <summary>Assigns the conversation to an agent of the business, or unassigns it with null.</summary>
public sealed record WhatsAppAssigneeRequest(Guid? AssigneeId);

/// <summary>Who the conversation is assigned to now; null: unassigned.</summary>
public sealed record WhatsAppAssigneeResponse(WhatsAppAgent? Assignee);

/// <summary>The business's users a conversation can be assigned to.</summary>
public sealed record WhatsAppAgentsResponse(IReadOnlyList<WhatsAppAgent> Items);

/// <summary>
/// Whether the business writes from a WhatsApp sender of its own, for any user with the feature (the alert's WhatsApp
/// action opens the thread in the app when it does, wa.me when it does not). The number itself is the admins' setting.
/// </summary>
public sealed record WhatsAppSenderState(bool HasSender);
