using AgentLocator.Grains.Features;

namespace AgentLocator.Api.Infrastructure.Realtime;

/// <summary>
/// The hub's groups, named in one place so the hub (which joins connections after the tenancy check) and the
/// features that send to them agree without depending on each other.
/// </summary>
public static class RealtimeGroups
{
    /// <summary>Pages showing one customer.</summary>
    public static string Customer(Guid customerId) => $"customer:{customerId}";

    /// <summary>Pages of one business showing its call log or a call.</summary>
    public static string Calls(Guid businessId) => $"calls:{businessId}";

    /// <summary>Pages showing one customer's timeline, one group per feature, so each sees only its features' events.</summary>
    public static string Timeline(Guid customerId, Feature feature) => $"timeline:{customerId}:{feature.ToName()}";

    /// <summary>Pages showing the business's feed (the home page), one group per feature.</summary>
    public static string BusinessTimeline(Guid businessId, Feature feature) => $"business-timeline:{businessId}:{feature.ToName()}";

    /// <summary>Pages of one business showing WhatsApp threads or the inbox (users with <c>whatsapp</c> only).</summary>
    public static string WhatsApp(Guid businessId) => $"whatsapp:{businessId}";
}
