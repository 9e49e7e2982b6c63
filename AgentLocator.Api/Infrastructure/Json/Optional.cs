using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using AgentLocator.Api.Infrastructure.Text;
using AgentLocator.Grains.Abstractions;

namespace AgentLocator.Api.Infrastructure.Json;

/// <summary>
/// A field of a request body that can be absent (leave it), null (clear it) or a value. A value of the wrong kind
/// does not fail the whole body: it is kept as <see cref="Problem"/>, so the 400 names each bad field.
/// </summary>
[JsonConverter(typeof(OptionalJsonConverterFactory))]
public readonly record struct Optional<T>
{
    /// <summary>The field was in the body (as a value, null, or something unreadable).</summary>
    public bool IsPresent { get; private init; }

    public T? Value { get; private init; }

    /// <summary>Why the value could not be read, e.g. "must be an id." (null when it could).</summary>
    public string? Problem { get; private init; }

    /// <summary>Present with a readable value that is not null.</summary>
    public bool HasValue => IsPresent && Problem is null && Value is not null;

    public static Optional<T> Of(T? value) => new() { IsPresent = true, Value = value };

    public static Optional<T> Unreadable(string problem) => new() { IsPresent = true, Problem = problem };

    /// <summary>The grain's view: absent or unreadable is no change; null and values are changes.</summary>
    public FieldChange<T> ToChange() => IsPresent && Problem is null ? FieldChange<T>.To(Value) : default;
}

public sealed class OptionalJsonConverterFactory : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) =>
        typeToConvert.IsGenericType && typeToConvert.GetGenericTypeDefinition() == typeof(Optional<>);

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(OptionalJsonConverter<>).MakeGenericType(typeToConvert.GetGenericArguments()[0]))!;
}

/// <summary>Reads the wire forms the API has always accepted: ids and instants as strings, minutes as integers.</summary>
public sealed partial class OptionalJsonConverter<T> : JsonConverter<Optional<T>>
{
    private static readonly Type ValueType = Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T);

    public override bool HandleNull => true;

    public override Optional<T> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return Optional<T>.Of(default);
        }
        using var document = JsonDocument.ParseValue(ref reader);
        var problem = TryRead(document.RootElement, options, out var value);
        return problem is null ? Optional<T>.Of((T?)value) : Optional<T>.Unreadable(problem);
    }

    public override void Write(Utf8JsonWriter writer, Optional<T> value, JsonSerializerOptions options) =>
        JsonSerializer.Serialize(writer, value.Value, options);

    private static string? TryRead(JsonElement json, JsonSerializerOptions options, out object? value)
    {
        value = null;
        if (ValueType == typeof(int))
        {
            value = json.ValueKind == JsonValueKind.Number && json.TryGetInt32(out var number) ? number : null;
            return value is null ? "must be a whole number." : null;
        }
        if (ValueType != typeof(string) && ValueType != typeof(Guid) && ValueType != typeof(DateTimeOffset))
        {
            try
            {
                value = json.Deserialize<T>(options);
                return null;
            }
            catch (UnstorableTextJsonException unstorable)
            {
                return unstorable.Problem;
            }
            catch (JsonException)
            {
                return "has the wrong type.";
            }
        }
        if (json.ValueKind != JsonValueKind.String)
        {
            return "must be a string.";
        }
        string text;
        try
        {
            text = json.GetString()!;
        }
        catch (InvalidOperationException)
        {
            // An escaped lone surrogate: the reader cannot make a string of it.
            return StorableText.InvalidUnicodeProblem;
        }
        if (ValueType == typeof(string))
        {
            value = text;
            return StorableText.Problem(text);
        }
        if (ValueType == typeof(Guid))
        {
            value = Guid.TryParse(text, out var id) ? id : null;
            return value is null ? "must be an id." : null;
        }
        // A bare local time is ambiguous across time zones: an instant states its offset.
        value = OffsetSuffix().IsMatch(text.Trim()) && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant)
            ? instant : null;
        return value is null ? "must be an ISO 8601 date-time with an offset, e.g. 2026-12-01T09:30:00+02:00." : null;
    }

    [GeneratedRegex(@"(Z|z|[+-]\d{2}:?\d{2})$")]
    private static partial Regex OffsetSuffix();
}
