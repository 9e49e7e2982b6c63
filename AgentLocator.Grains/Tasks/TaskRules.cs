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

    public static TaskSnapshot ToSnapshot(this AgentTask t) => new(
        t.Id, t.BusinessId, t.CustomerId, t.AssigneeId, t.Title, t.Notes, t.DueAt, t.RemindBeforeMinutes, t.RemindAt,
        t.Status, t.CompletedAt, t.CreatedAt, t.UpdatedAt, t.DeletedAt);
}
