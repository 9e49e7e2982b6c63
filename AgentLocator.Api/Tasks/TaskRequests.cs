using System.Text.Json.Serialization;
using AgentLocator.Api.Infrastructure.Json;
using AgentLocator.Grains.Abstractions;

namespace AgentLocator.Api.Tasks;

/// <summary>
/// The fields of a task body. The seed contract names them in snake_case (<c>customer_id</c>, <c>due_at</c>); our web
/// app sends camelCase; both bind, and an error is reported under the name the caller used.
/// </summary>
public abstract record TaskRequest : WireBody
{
    public const string CustomerIdName = "customer_id";
    public const string TitleName = "title";
    public const string NotesName = "notes";
    public const string DueAtName = "due_at";
    public const string AssigneeName = "assignee";
    public const string RemindBeforeName = "remind_before";

    [JsonPropertyName(TitleName)]
    public Optional<string> Title { get; init; }

    [JsonPropertyName(NotesName)]
    public Optional<string> Notes { get; init; }

    [JsonPropertyName(DueAtName), WireAlias("dueAt")]
    public Optional<DateTimeOffset?> DueAt { get; init; }

    [JsonPropertyName(AssigneeName), WireAlias("assigneeId", "assignee_id")]
    public Optional<Guid?> AssigneeId { get; init; }

    [JsonPropertyName(RemindBeforeName), WireAlias("remindBefore")]
    public Optional<int?> RemindBeforeMinutes { get; init; }

    /// <summary>Unreadable values (wrong kind, a time without an offset), named as the caller spelled them.</summary>
    public virtual Dictionary<string, string[]> ShapeErrors()
    {
        var errors = new Dictionary<string, string[]>();
        Report(errors, TitleName, Title.Problem);
        Report(errors, NotesName, Notes.Problem);
        Report(errors, DueAtName, DueAt.Problem);
        Report(errors, AssigneeName, AssigneeId.Problem);
        // The seed contract says minutes; the converter only knows whole numbers.
        Report(errors, RemindBeforeName, RemindBeforeMinutes.Problem is null ? null : "must be a whole number of minutes.");
        return errors;
    }

    /// <summary>Names a required field that is missing, null or blank, unless it already has an error.</summary>
    protected void Require<T>(Dictionary<string, string[]> errors, string wireName, Optional<T> field)
    {
        var name = NameUsed(wireName);
        if ((!field.HasValue || field.Value is string text && string.IsNullOrWhiteSpace(text)) && !errors.ContainsKey(name))
        {
            errors[name] = [$"{name} is required."];
        }
    }

    protected void Report(Dictionary<string, string[]> errors, string wireName, string? problem)
    {
        if (problem is not null)
        {
            var name = NameUsed(wireName);
            errors[name] = [$"{name} {problem}"];
        }
    }

    /// <summary>The grain's rule errors (keyed by canonical names) under the names the caller used.</summary>
    public Dictionary<string, string[]> AsCallerNamed(IReadOnlyDictionary<string, string[]> ruleErrors) =>
        ruleErrors.ToDictionary(error => NameUsed(error.Key), error => error.Value);
}

public sealed record CreateTaskRequest : TaskRequest
{
    [JsonPropertyName(CustomerIdName), WireAlias("customerId")]
    public Optional<Guid?> CustomerId { get; init; }

    public override Dictionary<string, string[]> ShapeErrors()
    {
        var errors = base.ShapeErrors();
        Report(errors, CustomerIdName, CustomerId.Problem);
        Require(errors, CustomerIdName, CustomerId);
        Require(errors, TitleName, Title);
        Require(errors, DueAtName, DueAt);
        return errors;
    }

    public TaskDraft ToDraft(Guid userId) => new(
        CustomerId.Value!.Value, AssigneeId.Value ?? userId, userId, Title.Value!, Notes.Value, DueAt.Value!.Value, RemindBeforeMinutes.Value);
}

/// <summary>A PATCH: an absent field stays as it is; <c>null</c> clears notes and the reminder lead.</summary>
public sealed record UpdateTaskRequest : TaskRequest
{
    public override Dictionary<string, string[]> ShapeErrors()
    {
        var errors = base.ShapeErrors();
        if (DueAt.IsPresent)
        {
            // A task always has a due time: null cannot clear it.
            Require(errors, DueAtName, DueAt);
        }
        return errors;
    }

    public TaskChanges ToChanges() => new()
    {
        Title = Title.ToChange(),
        Notes = Notes.ToChange(),
        DueAt = DueAt.HasValue ? FieldChange<DateTimeOffset>.To(DueAt.Value!.Value) : default,
        // As before: a null assignee leaves the assignee as it is.
        AssigneeId = AssigneeId.HasValue ? FieldChange<Guid>.To(AssigneeId.Value!.Value) : default,
        RemindBeforeMinutes = RemindBeforeMinutes.ToChange(),
    };
}
