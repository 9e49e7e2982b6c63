using System.Text.Json;
using System.Text.Json.Serialization;

namespace AgentLocator.Api.Infrastructure.Text;

/// <summary>
/// A string in a JSON body that Postgres could not store. System.Text.Json fills in <see cref="JsonException.Path"/>
/// (e.g. <c>$.name</c>) on its way out, so the 400 names the field as the caller spelled it.
/// </summary>
public sealed class UnstorableTextJsonException(string problem) : JsonException(problem)
{
    /// <summary>Completes "field …", see <see cref="StorableText"/>.</summary>
    public string Problem { get; } = problem;

    /// <summary>The field as the caller sent it: the JSON path without its root (<c>tags[1]</c>, <c>name</c>).</summary>
    public string Field => Path switch
    {
        null or "" or "$" => "body",
        var path when path.StartsWith("$.", StringComparison.Ordinal) => path[2..],
        var path when path.StartsWith('$') => path[1..],
        var path => path,
    };
}

/// <summary>
/// Every string read from a request body (properties, list items, dictionary keys) passes here, so one converter guards
/// every JSON endpoint. Writing is unchanged.
/// </summary>
public sealed class StorableTextJsonConverter : JsonConverter<string>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String ? Checked(ref reader) : reader.GetString();

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);

    public override string ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => Checked(ref reader);

    public override void WriteAsPropertyName(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WritePropertyName(value);

    private static string Checked(ref Utf8JsonReader reader)
    {
        string text;
        try
        {
            text = reader.GetString()!;
        }
        catch (InvalidOperationException)
        {
            // An escaped lone surrogate ("\ud800") or raw bytes that are not UTF-8: the reader cannot make a string of it.
            throw new UnstorableTextJsonException(StorableText.InvalidUnicodeProblem);
        }
        return StorableText.Problem(text) is { } problem ? throw new UnstorableTextJsonException(problem) : text;
    }
}
