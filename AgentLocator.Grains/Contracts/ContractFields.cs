using System.Text.Json;

namespace AgentLocator.Grains.Contracts;

/// <summary>A custom field a template asks for when a contract is made: printed where the body says <c>{{fields.key}}</c>.</summary>
public sealed record ContractField(string Key, string Label, bool Required);

/// <summary>The JSON the template versions and contracts store their fields and values as.</summary>
public static class ContractFields
{
    public static IReadOnlyList<ContractField> Read(string json) =>
        JsonSerializer.Deserialize<List<ContractField>>(json, JsonSerializerOptions.Web) ?? [];

    public static string Write(IReadOnlyList<ContractField> fields) => JsonSerializer.Serialize(fields, JsonSerializerOptions.Web);

    public static IReadOnlyDictionary<string, string> ReadValues(string json) =>
        JsonSerializer.Deserialize<Dictionary<string, string>>(json, JsonSerializerOptions.Web) ?? [];

    public static string WriteValues(IReadOnlyDictionary<string, string> values) =>
        JsonSerializer.Serialize(values.OrderBy(pair => pair.Key, StringComparer.Ordinal).ToDictionary(), JsonSerializerOptions.Web);

    /// <summary>
    /// Problems with the values for these fields, by wire name (<c>fieldValues.key</c>): a required field left empty, a key
    /// the template does not declare. Values are trimmed; empty ones are dropped.
    /// </summary>
    public static Dictionary<string, string> Clean(IReadOnlyList<ContractField> fields, IReadOnlyDictionary<string, string?>? values,
        Dictionary<string, string[]> errors)
    {
        var clean = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in values ?? new Dictionary<string, string?>())
        {
            if (!fields.Any(field => field.Key == key))
            {
                errors[$"fieldValues.{key}"] = ["The template has no such field."];
            }
            else if (value?.Trim() is { Length: > 0 } trimmed)
            {
                if (trimmed.Length > 2000)
                {
                    errors[$"fieldValues.{key}"] = ["At most 2000 characters."];
                }
                clean[key] = trimmed;
            }
        }
        foreach (var field in fields.Where(field => field.Required && !clean.ContainsKey(field.Key)))
        {
            errors.TryAdd($"fieldValues.{field.Key}", [$"\"{field.Label}\" is required."]);
        }
        return clean;
    }
}
