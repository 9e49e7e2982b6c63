using AgentLocator.Grains.Data;
using AgentLocator.Grains.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace AgentLocator.Grains.Timeline;

/// <summary>
/// A task's changes: created (once per task, source key "{id}:created"), done, reopened and snoozed (repeatable).
/// A task without a customer gives an event of the business only.
/// </summary>
public static class TaskTimelineEvents
{
    public static async Task<TimelineEvent> AddAsync(AgentLocatorDbContext db, AgentTask task, string change, DateTimeOffset at, Guid? actorId)
    {
        var users = new[] { task.AssigneeId, actorId ?? Guid.Empty };
        var names = await db.Users.Where(u => users.Contains(u.Id)).Select(u => new { u.Id, u.DisplayName }).ToDictionaryAsync(u => u.Id, u => u.DisplayName);
        var actorName = actorId is { } known && names.TryGetValue(known, out var name) ? name : null;
        var row = TimelineEntries.New(TimelineKinds.Task, task.BusinessId, task.CustomerId, at,
            actorId is null ? TimelineActorTypes.System : TimelineActorTypes.Agent, actorId, actorName);
        row.SourceId = task.Id;
        row.SourceKey = change == TimelineCards.TaskCreated ? $"{task.Id}:{change}" : null;
        row.Link = TimelineKinds.Task.LinkTo(task.Id);
        var assignee = names.TryGetValue(task.AssigneeId, out var assigneeName) ? new TaskAssignee(task.AssigneeId, assigneeName) : null;
        var snoozedUntil = change == TimelineCards.TaskSnoozed ? task.RemindAt : (DateTimeOffset?)null;
        row.PayloadJson = TimelineCards.Serialize(new TaskCard(task.Id, change, task.Title, task.Status, task.DueAt, snoozedUntil, assignee));
        var summary = change == TimelineCards.TaskCreated ? TimelineEntries.FirstLine(task.Notes, 300) : null;
        TimelineEntries.SetTexts(row, $"{Verb(change)}: {task.Title}", summary, task.Notes);
        db.TimelineEvents.Add(row);
        return row;
    }

    private static string Verb(string change) => change switch
    {
        TimelineCards.TaskCreated => "משימה נוצרה",
        TimelineCards.TaskDone => "משימה הושלמה",
        TimelineCards.TaskReopened => "משימה נפתחה מחדש",
        TimelineCards.TaskSnoozed => "תזכורת נדחתה",
        _ => "משימה",
    };
}
