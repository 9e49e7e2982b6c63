namespace AgentLocator.Grains.Data.Entities;

/// <summary>
/// The inbox's state of one customer's WhatsApp thread: who in the business answers it, and how far the business has
/// read it. A row exists only once someone read or assigned the thread; a thread without one is unassigned and unread.
/// </summary>
public sealed class WhatsAppConversation : IBusinessOwned
{
    public Guid CustomerId { get; set; }
    public Guid BusinessId { get; set; }

    /// <summary>The agent who answers this thread; null: unassigned.</summary>
    public Guid? AssigneeId { get; set; }

    /// <summary>
    /// Read for the whole business (a shared inbox, like a team's WhatsApp): inbound messages stored after this moment
    /// are unread. It only moves forward, to the newest inbound message's time when someone opens the thread.
    /// </summary>
    public DateTimeOffset? ReadUpTo { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
