using AgentLocator.Api.Calls;
using AgentLocator.Api.Customers;
using AgentLocator.Grains.Abstractions;
using Microsoft.AspNetCore.Mvc;

namespace AgentLocator.Api.Tasks;

/// <summary>
/// A task as every answer, list row and push shows it; built only by <see cref="From"/>. <c>customerId</c> and
/// <c>customer</c> are null for a withheld caller's message; <c>call</c> is the call a task came from.
/// </summary>
public sealed record TaskResponse(
    Guid Id, Guid? CustomerId, CustomerSummaryResponse? Customer, Guid AssigneeId, string Title, string? Notes, DateTimeOffset DueAt,
    int? RemindBeforeMinutes, DateTimeOffset RemindAt, string Status, DateTimeOffset? CompletedAt, DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt, DateTimeOffset? DeletedAt, TaskCallResponse? Call)
{
    public static TaskResponse From(TaskSnapshot t, CustomerSummary? customer, TaskCallSummary? call) => new(
        t.Id, t.CustomerId, CustomerSummaryResponse.From(customer), t.AssigneeId, t.Title, t.Notes, t.DueAt, t.RemindBeforeMinutes, t.RemindAt, t.Status,
        t.CompletedAt, t.CreatedAt, t.UpdatedAt, t.DeletedAt, TaskCallResponse.From(call));
}

/// <summary>The call a task came from: its page (transcript, recording) and the caller as the call list shows it ("מספר חסוי" when withheld).</summary>
public sealed record TaskCallResponse(Guid Id, string FromDisplay)
{
    public static TaskCallResponse? From(TaskCallSummary? call) => call is null ? null : new(call.Id, CallQueries.DisplayNumber(call.From));
}

/// <summary>What <c>task:due</c> carries over SignalR: the task as it is now and the reminder time that fired.</summary>
public sealed record TaskDueMessage(DateTimeOffset ReminderAt, TaskResponse Task);

public sealed record SnoozeRequest(int? Minutes);

/// <summary>Query parameters, kept as text so each bad one is named in the 400; the wire names are the seed contract's.</summary>
public sealed record TaskListRequest(
    string? Assignee,
    string? Status,
    [FromQuery(Name = "due_before")] string? DueBefore,
    [FromQuery(Name = "due_after")] string? DueAfter,
    [FromQuery(Name = "customer_id")] string? CustomerId,
    string? Page,
    string? Limit);
