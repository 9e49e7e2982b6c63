using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace AgentLocator.Api.Infrastructure.Text;

/// <summary>
/// Strings are read through <see cref="StorableTextJsonConverter"/>, a custom converter, so the generator alone would
/// describe every string as an empty schema. They are still plain strings on the wire: say so, null where the property's
/// type allows it, exactly as the generator describes strings without our converter.
/// </summary>
internal sealed class StorableTextSchemas : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.JsonTypeInfo.Type == typeof(string) && schema.Type is null)
        {
            var nullable = context.JsonPropertyInfo is { } property && (property.IsGetNullable || property.IsSetNullable);
            schema.Type = nullable ? JsonSchemaType.String | JsonSchemaType.Null : JsonSchemaType.String;
        }
        // An empty item schema is left out altogether, so a list of strings would lose its items.
        else if (context.JsonTypeInfo.ElementType == typeof(string) && schema.Items is null && schema.Type is { } kinds
            && kinds.HasFlag(JsonSchemaType.Array))
        {
            schema.Items = new OpenApiSchema { Type = JsonSchemaType.String };
        }
        // Likewise a string-valued dictionary would lose what its values are.
        else if (context.JsonTypeInfo is { Kind: JsonTypeInfoKind.Dictionary, ElementType: var values } && values == typeof(string)
            && schema.AdditionalProperties is null)
        {
            schema.AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.String };
        }
        return Task.CompletedTask;
    }
}
