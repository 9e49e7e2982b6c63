using System.Text.Json;
using System.Text.Json.Serialization;

namespace AgentLocator.Api.Infrastructure.Text;

/// <summary>
/// Free-form JSON in a body (a preference's value) is stored as Postgres <c>jsonb</c>, which refuses <c>\u0000</c> and
/// lone surrogate escapes just as <c>text</c> does: every string and property name in it is checked when it is read.
/// </summary>
public sealed class StorableJsonElementConverter : JsonConverter<JsonElement>
{
    public override JsonElement Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        return ProblemIn(document.RootElement) is { } problem ? throw new UnstorableTextJsonException(problem) : document.RootElement.Clone();
    }

    public override void Write(Utf8JsonWriter writer, JsonElement value, JsonSerializerOptions options) => value.WriteTo(writer);

    /// <summary>Why some string or name in the value cannot be stored, or null when all can.</summary>
    public static string? ProblemIn(JsonElement element)
    {
        try
        {
            return element.ValueKind switch
            {
                JsonValueKind.String => StorableText.Problem(element.GetString()),
                JsonValueKind.Array => element.EnumerateArray().Select(ProblemIn).FirstOrDefault(problem => problem is not null),
                JsonValueKind.Object => element.EnumerateObject()
                    .Select(property => StorableText.Problem(property.Name) ?? ProblemIn(property.Value))
                    .FirstOrDefault(problem => problem is not null),
                _ => null,
            };
        }
        catch (InvalidOperationException)
        {
            // GetString and Name cannot turn an escaped lone surrogate into a string.
            return StorableText.InvalidUnicodeProblem;
        }
    }
}
