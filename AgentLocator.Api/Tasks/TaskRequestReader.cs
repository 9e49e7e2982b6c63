using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using AgentLocator.Grains.Abstractions;

namespace AgentLocator.Api.Tasks;

/// <summary>
/// Reads task bodies. The seed contract names fields in snake_case (<c>customer_id</c>, <c>due_at</c>); our web app
/// sends camelCase; both are accepted, and an error is reported under the name the caller used.
/// </summary>
public static partial class TaskRequestReader
{
    public sealed record Field(string Snake, string Camel);

    public static readonly Field CustomerId = new("customer_id", "customerId");
    public static readonly Field Title = new("title", "title");
    public static readonly Field Notes = new("notes", "notes");
    public static readonly Field DueAt = new("due_at", "dueAt");
    public static readonly Field Assignee = new("assignee", "assigneeId");
    public static readonly Field RemindBefore = new("remind_before", "remindBefore");

    public sealed class Body(JsonElement json)
    {
        public Dictionary<string, string[]> Errors { get; } = [];

        public bool IsObject => json.ValueKind == JsonValueKind.Object;

        public bool Has(Field field) => Find(field, out _, out _);

        public string? Text(Field field)
        {
            if (!Find(field, out var value, out var name) || value.ValueKind == JsonValueKind.Null)
            {
                return null;
            }
            if (value.ValueKind != JsonValueKind.String)
            {
                Errors[name] = [$"{name} must be a string."];
                return null;
            }
            return value.GetString();
        }

        public Guid? Id(Field field)
        {
            var text = Text(field);
            if (text is null)
            {
                return null;
            }
            if (Guid.TryParse(text, out var id))
            {
                return id;
            }
            Errors[NameUsed(field)] = [$"{NameUsed(field)} must be an id."];
            return null;
        }

        /// <summary>An ISO 8601 instant that states its offset; a bare local time is ambiguous across time zones.</summary>
        public DateTimeOffset? Instant(Field field)
        {
            var text = Text(field);
            if (text is null)
            {
                return null;
            }
            if (!OffsetSuffix().IsMatch(text.Trim())
                || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant))
            {
                Errors[NameUsed(field)] = [$"{NameUsed(field)} must be an ISO 8601 date-time with an offset, e.g. 2026-12-01T09:30:00+02:00."];
                return null;
            }
            return instant;
        }

        public int? Minutes(Field field)
        {
            if (!Find(field, out var value, out var name) || value.ValueKind == JsonValueKind.Null)
            {
                return null;
            }
            if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var minutes))
            {
                return minutes;
            }
            Errors[name] = [$"{name} must be a whole number of minutes."];
            return null;
        }

        public string NameUsed(Field field) => Find(field, out _, out var name) ? name : field.Snake;

        private bool Find(Field field, out JsonElement value, out string name)
        {
            if (json.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in json.EnumerateObject())
                {
                    if (property.Name == field.Snake || property.Name == field.Camel || (field == Assignee && property.Name == "assignee_id"))
                    {
                        value = property.Value;
                        name = property.Name;
                        return true;
                    }
                }
            }
            value = default;
            name = field.Snake;
            return false;
        }
    }

    public static TaskChanges ReadChanges(Body body) => new()
    {
        Title = body.Has(Title) ? FieldChange<string>.To(body.Text(Title)) : default,
        Notes = body.Has(Notes) ? FieldChange<string>.To(body.Text(Notes)) : default,
        DueAt = body.Has(DueAt) && body.Instant(DueAt) is { } due ? FieldChange<DateTimeOffset>.To(due) : default,
        AssigneeId = body.Has(Assignee) && body.Id(Assignee) is { } assignee ? FieldChange<Guid>.To(assignee) : default,
        RemindBeforeMinutes = body.Has(RemindBefore) ? FieldChange<int?>.To(body.Minutes(RemindBefore)) : default,
    };

    [GeneratedRegex(@"(Z|z|[+-]\d{2}:?\d{2})$")]
    private static partial Regex OffsetSuffix();
}
