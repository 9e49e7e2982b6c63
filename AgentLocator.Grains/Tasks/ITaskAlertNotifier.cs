using AgentLocator.Grains.Abstractions;

namespace AgentLocator.Grains.Tasks;

/// <summary>Who to call and what about, for the alert modal and the push notification.</summary>
[GenerateSerializer, Immutable]
[Alias("AgentLocator.TaskAlertCustomer")]
public sealed record TaskAlertCustomer([property: Id(0)] Guid Id, [property: Id(1)] string Name, [property: Id(2)] string? Phone);

/// <summary>
/// Delivers task alerts to the assignee's browsers; the API implements it with SignalR (every open tab, any
/// instance) and Web Push (when no tab is open).
/// </summary>
public interface ITaskAlertNotifier
{
    Task TaskDueAsync(TaskSnapshot task, TaskAlertCustomer customer, DateTimeOffset reminderAt);

    /// <summary>Snooze, done, reopen and edits, so a modal showing the task in another tab or device closes.</summary>
    Task TaskUpdatedAsync(TaskSnapshot task);
}
