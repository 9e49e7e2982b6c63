using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace AgentLocator.Api.Infrastructure.Json;

/// <summary>
/// Describes an enum sent by its <see cref="JsonStringEnumMemberNameAttribute"/> words as what it is on the wire: a
/// string with exactly those values. The generator leaves out <c>type: string</c>, and for an enum first met as a
/// nullable property it lists <c>null</c> among the values; the property's own schema already says it may be null.
/// </summary>
internal sealed class StringEnumSchemas : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var type = Nullable.GetUnderlyingType(context.JsonTypeInfo.Type) ?? context.JsonTypeInfo.Type;
        if (type.IsEnum && WireNames(type) is { } names)
        {
            schema.Type = JsonSchemaType.String;
            schema.Enum = [.. names.Select(name => (JsonNode)JsonValue.Create(name))];
        }
        return Task.CompletedTask;
    }

    /// <summary>Null unless every member of the enum names its wire word.</summary>
    private static List<string>? WireNames(Type enumType)
    {
        var names = enumType.GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(field => field.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name)
            .ToList();
        return names.Count > 0 && names.All(name => name is not null) ? [.. names.OfType<string>()] : null;
    }
}
