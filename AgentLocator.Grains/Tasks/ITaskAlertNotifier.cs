using AgentLocator.Grains.Abstractions;

namespace AgentLocator.Grains.Tasks;

/// <summary>
/// Delivers task alerts to the assignee's browsers; the API implements it with SignalR (every open tab, any
/// instance) and Web Push (when no tab is open).
/// </summary>
public interface ITaskAlertNotifier
{
    /// <remarks>The customer is null for a withheld caller's message; the call it came from then names the caller.</remarks>
    Task TaskDueAsync(TaskSnapshot task, CustomerSummary? customer, TaskCallSummary? call, DateTimeOffset reminderAt);

    /// <summary>Snooze, done, reopen and edits, so a modal showing the task in another tab or device closes.</summary>
    /// <remarks>The grain passes the customer and call it loaded with the task, so the push needs no read of its own.</remarks>
    Task TaskUpdatedAsync(TaskSnapshot task, CustomerSummary? customer, TaskCallSummary? call);
}
