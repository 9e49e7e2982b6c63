namespace AgentLocator.Grains.WhatsApp;

/// <summary>
/// WhatsApp's customer-service window: free text may be sent for 24 hours after the customer's last message;
/// outside it only an approved template may start the conversation again.
/// </summary>
public static class WhatsAppWindow
{
    public static readonly TimeSpan Length = TimeSpan.FromHours(24);

    /// <summary>When the window closes (or closed); null when the customer never wrote.</summary>
    public static DateTimeOffset? ClosesAt(DateTimeOffset? lastInbound) => lastInbound + Length;

    public static bool IsOpen(DateTimeOffset? lastInbound, DateTimeOffset now) => ClosesAt(lastInbound) is { } closes && now < closes;
}
