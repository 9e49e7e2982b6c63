using System.Text.Json;
using AgentLocator.Grains.Abstractions;

namespace AgentLocator.Api.Crm;

/// <summary>
/// Reads a create or patch body. A patch must tell "field absent" (leave it) from "field: null" (clear it),
/// which a plain record cannot, so the JSON is read property by property.
/// </summary>
public static class CustomerChangesReader
{
    private static readonly string[] TextFields = ["name", "phone", "email", "city", "status"];

    public static (CustomerChanges Changes, Dictionary<string, string[]> Errors) Read(JsonElement body)
    {
        var errors = new Dictionary<string, string[]>();
        if (body.ValueKind != JsonValueKind.Object)
        {
            errors["body"] = ["The body must be a JSON object."];
            return (new CustomerChanges(), errors);
        }

        var text = new Dictionary<string, FieldChange<string>>();
        foreach (var field in TextFields)
        {
            if (!TryGet(body, field, out var value))
            {
                continue;
            }
            text[field] = value.ValueKind switch
            {
                JsonValueKind.Null => FieldChange<string>.To(null),
                JsonValueKind.String => FieldChange<string>.To(value.GetString()),
                _ => Invalid(errors, field, $"{field} must be a string or null."),
            };
        }

        var tags = FieldChange<IReadOnlyList<string>>.Unchanged;
        if (TryGet(body, "tags", out var tagsValue))
        {
            if (tagsValue.ValueKind == JsonValueKind.Null)
            {
                tags = FieldChange<IReadOnlyList<string>>.To([]);
            }
            else if (tagsValue.ValueKind == JsonValueKind.Array && tagsValue.EnumerateArray().All(tag => tag.ValueKind == JsonValueKind.String))
            {
                tags = FieldChange<IReadOnlyList<string>>.To([.. tagsValue.EnumerateArray().Select(tag => tag.GetString()!)]);
            }
            else
            {
                errors["tags"] = ["tags must be an array of strings."];
            }
        }

        return (new CustomerChanges
        {
            Name = text.GetValueOrDefault("name"),
            Phone = text.GetValueOrDefault("phone"),
            Email = text.GetValueOrDefault("email"),
            City = text.GetValueOrDefault("city"),
            Status = text.GetValueOrDefault("status"),
            Tags = tags,
        }, errors);
    }

    private static bool TryGet(JsonElement body, string name, out JsonElement value)
    {
        foreach (var property in body.EnumerateObject())
        {
            if (property.Name.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                value = property.Value;
                return true;
            }
        }
        value = default;
        return false;
    }

    private static FieldChange<string> Invalid(Dictionary<string, string[]> errors, string field, string message)
    {
        errors[field] = [message];
        return default;
    }
}
