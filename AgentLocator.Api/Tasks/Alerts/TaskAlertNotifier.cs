using System.Text.Json;
using AgentLocator.Api.Infrastructure.Realtime;
using AgentLocator.Grains.Abstractions;
using AgentLocator.Grains.Notifications;
using AgentLocator.Grains.Tasks;
using Microsoft.AspNetCore.SignalR;

namespace AgentLocator.Api.Tasks.Alerts;

/// <summary>
/// The last step of the alert path: <c>task:due</c> to every SignalR connection of the assignee (any API instance,
/// through the Redis backplane), and the Web Push for each of their subscriptions, for when no tab is open (the grain
/// records it in the push outbox as it marks the alert delivered; <c>Integrations/WebPush/PushOutboxSender</c> sends it).
/// </summary>
public sealed class TaskAlertNotifier(IHubContext<AgentHub> hub, IGrainFactory grains) : ITaskAlertNotifier
{
    public const string DueMessage = HubEvents.TaskDue;
    public const string UpdatedMessage = HubEvents.TaskUpdated;

    /// <summary>An alert nobody saw within a day is stale; the tasks page still lists it.</summary>
    private static readonly TimeSpan PushTimeToLive = TimeSpan.FromHours(24);

    private const int MaxPushNotes = 300;

    public async Task TaskDueAsync(TaskSnapshot task, CustomerSummary? customer, TaskCallSummary? call, DateTimeOffset reminderAt) =>
        await hub.Clients.User(task.AssigneeId.ToString()).SendAsync(DueMessage, new TaskDueMessage(reminderAt, await ShownToAssigneeAsync(task, customer, call)));

    public async Task<PushMessage> DuePushAsync(TaskSnapshot task, CustomerSummary? customer, TaskCallSummary? call, DateTimeOffset reminderAt)
    {
        var response = await ShownToAssigneeAsync(task, customer, call);
        // A push carries at most ~4 KB; the notification shows a line or two of notes anyway.
        var pushed = response with { Notes = response.Notes is { Length: > MaxPushNotes } notes ? notes[..MaxPushNotes] + "…" : response.Notes };
        return new PushMessage(
            JsonSerializer.Serialize(new TaskDuePush(DueMessage, reminderAt, pushed), JsonSerializerOptions.Web),
            Topic: "task-" + task.Id.ToString("N")[..24],
            TimeToLive: PushTimeToLive);
    }

    public async Task TaskUpdatedAsync(TaskSnapshot task, CustomerSummary? customer, TaskCallSummary? call) =>
        await hub.Clients.User(task.AssigneeId.ToString()).SendAsync(UpdatedMessage, await ShownToAssigneeAsync(task, customer, call));

    /// <summary>Every message goes to the assignee alone, so the assignee's features decide what of the task it carries.</summary>
    private async Task<TaskResponse> ShownToAssigneeAsync(TaskSnapshot task, CustomerSummary? customer, TaskCallSummary? call) =>
        TaskResponse.From(task, customer, call).ShownTo(await TaskVisibility.FeaturesOfAsync(grains, task.BusinessId, task.AssigneeId));

    /// <summary>The push payload the service worker reads.</summary>
    public sealed record TaskDuePush(string Type, DateTimeOffset ReminderAt, TaskResponse Task);
}
