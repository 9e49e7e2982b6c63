namespace AgentLocator.Api.Infrastructure.Realtime;

/// <summary>
/// The names on the SignalR wire between <see cref="AgentHub"/> and the web app, in one place. The web's copy is
/// <c>AgentLocator.Web/src/realtime/events.ts</c>; its <c>events.test.ts</c> fails when the two lists differ.
/// </summary>
public static class HubEvents
{
    /// <summary>A task's alert rang (a <c>TaskDueMessage</c>), to each connection of its assignee.</summary>
    public const string TaskDue = "task:due";

    /// <summary>A task changed (a <c>TaskResponse</c>), so an open alert can update or close.</summary>
    public const string TaskUpdated = "task:updated";

    /// <summary>A watched customer changed (a <c>CustomerResponse</c>).</summary>
    public const string CustomerUpdated = "customer:updated";

    /// <summary>A call of the business changed (its <c>CallListItem</c> row).</summary>
    public const string CallUpdated = "call:updated";

    /// <summary>A timeline event was added or changed (a <c>TimelineItem</c>; upsert by id), to its customer's and the business's watchers.</summary>
    public const string TimelineItem = "timeline:item";

    /// <summary>A timeline event went away (a deleted note): <c>{ id }</c>.</summary>
    public const string TimelineRemoved = "timeline:removed";

    /// <summary>A WhatsApp message was stored or its status moved (a <c>WhatsAppMessageResponse</c>; upsert by id), to the business's WhatsApp watchers.</summary>
    public const string WhatsAppMessage = "whatsapp:message";

    /// <summary>This user's session was ended by someone else (disabled, business suspended, signed out elsewhere): <c>{ reason }</c>. The client signs out.</summary>
    public const string SessionEnded = "session:ended";

    /// <summary>Hub methods the browser invokes; <c>nameof</c> keeps them equal to the hub's own method names.</summary>
    public static class Methods
    {
        public const string WatchCustomer = nameof(AgentHub.WatchCustomer);
        public const string UnwatchCustomer = nameof(AgentHub.UnwatchCustomer);
        public const string WatchCalls = nameof(AgentHub.WatchCalls);
        public const string UnwatchCalls = nameof(AgentHub.UnwatchCalls);
        public const string WatchTimeline = nameof(AgentHub.WatchTimeline);
        public const string UnwatchTimeline = nameof(AgentHub.UnwatchTimeline);
        public const string WatchBusinessTimeline = nameof(AgentHub.WatchBusinessTimeline);
        public const string UnwatchBusinessTimeline = nameof(AgentHub.UnwatchBusinessTimeline);
        public const string WatchWhatsApp = nameof(AgentHub.WatchWhatsApp);
        public const string UnwatchWhatsApp = nameof(AgentHub.UnwatchWhatsApp);
    }
}
