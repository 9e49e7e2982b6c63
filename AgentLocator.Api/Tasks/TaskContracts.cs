using AgentLocator.Grains.Abstractions;
using AgentLocator.Grains.Customers;
using AgentLocator.Grains.Tasks;

namespace AgentLocator.Api.Tasks;

public sealed record TaskCustomer(Guid Id, string Name, string? Phone, string? PhoneDisplay)
{
    public static TaskCustomer From(TaskAlertCustomer c) => new(c.Id, c.Name, c.Phone, Phones.Display(c.Phone));
}

public sealed record TaskResponse(
    Guid Id, Guid CustomerId, TaskCustomer? Customer, Guid AssigneeId, string Title, string? Notes, DateTimeOffset DueAt,
    int? RemindBeforeMinutes, DateTimeOffset RemindAt, string Status, DateTimeOffset? CompletedAt, DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt, DateTimeOffset? DeletedAt)
{
    public static TaskResponse From(TaskSnapshot t, TaskCustomer? customer) => new(
        t.Id, t.CustomerId, customer, t.AssigneeId, t.Title, t.Notes, t.DueAt, t.RemindBeforeMinutes, t.RemindAt, t.Status,
        t.CompletedAt, t.CreatedAt, t.UpdatedAt, t.DeletedAt);
}

/// <summary>What <c>task:due</c> carries over SignalR: the task as it is now and the reminder time that fired.</summary>
public sealed record TaskDueMessage(DateTimeOffset ReminderAt, TaskResponse Task);

public sealed record SnoozeRequest(int? Minutes);

public sealed record TaskListRequest(
    string? Assignee, string? Status, string? Due_before, string? Due_after, string? Customer_id, string? Page, string? Limit);
