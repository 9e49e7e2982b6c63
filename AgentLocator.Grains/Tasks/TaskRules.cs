using AgentLocator.Grains.Abstractions;
using AgentLocator.Grains.Data.Entities;

namespace AgentLocator.Grains.Tasks;

public static class TaskRules
{
    public const int MaxTitleLength = 200;
    public const int MaxNotesLength = 4000;
    public const int MaxRemindBeforeMinutes = 7 * 24 * 60;
    public const int MaxSnoozeMinutes = 24 * 60;

    public static DateTimeOffset RemindAtFor(DateTimeOffset dueAt, int? remindBeforeMinutes) =>
        dueAt.AddMinutes(-(remindBeforeMinutes ?? 0));

    public static Dictionary<string, string[]> Validate(string? title, string? notes, int? remindBeforeMinutes)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(title))
        {
            errors["title"] = ["Title is required."];
        }
        else if (title.Trim().Length > MaxTitleLength)
        {
            errors["title"] = [$"Title must be at most {MaxTitleLength} characters."];
        }
        if (notes?.Length > MaxNotesLength)
        {
            errors["notes"] = [$"Notes must be at most {MaxNotesLength} characters."];
        }
        if (remindBeforeMinutes is < 0 or > MaxRemindBeforeMinutes)
        {
            errors["remind_before"] = [$"remind_before must be between 0 and {MaxRemindBeforeMinutes} minutes."];
        }
        return errors;
    }

    /// <summary>
    /// A task is about a customer; only the after-call work may make one about a call alone (a withheld caller's
    /// message, with nobody to file it under). Reported under customer_id, the field a caller of the API would fill.
    /// </summary>
    public static void RequireSubject(Guid? customerId, Guid? callId, Dictionary<string, string[]> errors)
    {
        if (customerId is null && callId is null)
        {
            errors["customer_id"] = ["customer_id is required."];
        }
    }

    public static TaskSnapshot ToSnapshot(this AgentTask t) => new(
        t.Id, t.BusinessId, t.CustomerId, t.AssigneeId, t.Title, t.Notes, t.DueAt, t.RemindBeforeMinutes, t.RemindAt,
        t.Status, t.CompletedAt, t.CreatedAt, t.UpdatedAt, t.DeletedAt, t.CallId);
}
