using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace AgentLocator.Api.Infrastructure.Json;

/// <summary>
/// Describes an <see cref="Optional{T}"/> field as what it is on the wire: the value's own schema, which may also be
/// null (null clears the field). Its converter is custom, so the generator alone would describe it as an empty object
/// and the web's generated types could not say what a request body holds.
/// </summary>
internal sealed class OptionalSchemas : IOpenApiSchemaTransformer
{
    public async Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var type = context.JsonTypeInfo.Type;
        if (!type.IsGenericType || type.GetGenericTypeDefinition() != typeof(Optional<>))
        {
            return;
        }
        var valueType = type.GetGenericArguments()[0];
        var value = await context.GetOrCreateSchemaAsync(Nullable.GetUnderlyingType(valueType) ?? valueType, cancellationToken: cancellationToken);
        var valueKinds = value.Type ?? JsonSchemaType.Null;
        var numeric = (valueKinds & (JsonSchemaType.Integer | JsonSchemaType.Number)) != 0;
        // The web options also read numbers written as strings; Optional's reader takes a number only.
        schema.Type = (numeric ? valueKinds & ~JsonSchemaType.String : valueKinds) | JsonSchemaType.Null;
        schema.Format = value.Format;
        schema.Pattern = numeric ? null : value.Pattern;
        schema.Items = value.Items;
        schema.Enum = value.Enum;
    }
}
