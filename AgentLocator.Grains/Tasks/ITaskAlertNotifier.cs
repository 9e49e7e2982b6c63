using AgentLocator.Grains.Abstractions;
using AgentLocator.Grains.Notifications;

namespace AgentLocator.Grains.Tasks;

/// <summary>
/// Delivers task alerts to the assignee's browsers; the API implements it with SignalR (every open tab, any
/// instance) and shapes the Web Push (for when no tab is open), which the grain records in the push outbox with the
/// alert's delivery.
/// </summary>
public interface ITaskAlertNotifier
{
    /// <summary><c>task:due</c> to every open tab of the assignee.</summary>
    /// <remarks>The customer is null for a withheld caller's message; the call it came from then names the caller.</remarks>
    Task TaskDueAsync(TaskSnapshot task, CustomerSummary? customer, TaskCallSummary? call, DateTimeOffset reminderAt);

    /// <summary>The Web Push for the same alert, to every subscription of the assignee.</summary>
    Task<PushMessage> DuePushAsync(TaskSnapshot task, CustomerSummary? customer, TaskCallSummary? call, DateTimeOffset reminderAt);

    /// <summary>Snooze, done, reopen and edits, so a modal showing the task in another tab or device closes.</summary>
    /// <remarks>The grain passes the customer and call it loaded with the task, so the push needs no read of its own.</remarks>
    Task TaskUpdatedAsync(TaskSnapshot task, CustomerSummary? customer, TaskCallSummary? call);
}
