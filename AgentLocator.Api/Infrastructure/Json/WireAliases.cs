using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace AgentLocator.Api.Infrastructure.Json;

/// <summary>Other spellings a body property is accepted under, besides its <see cref="JsonPropertyNameAttribute"/>.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class WireAliasAttribute(params string[] names) : Attribute
{
    public IReadOnlyList<string> Names { get; } = names;
}

/// <summary>
/// A request body that remembers which spelling the caller used for each property, so an error is reported under
/// the name the caller sent (the seed contract's <c>due_at</c> or the web app's <c>dueAt</c>).
/// </summary>
public abstract record WireBody
{
    private readonly Dictionary<string, string> namesUsed = [];

    /// <summary>The name the caller used for the property whose canonical wire name is given (that name if absent).</summary>
    public string NameUsed(string wireName) => namesUsed.GetValueOrDefault(wireName, wireName);

    internal void Saw(string wireName, string nameUsed) => namesUsed[wireName] = nameUsed;
}

public static class WireAliases
{
    /// <summary>Lets <see cref="WireBody"/> types bind every spelling of <see cref="WireAliasAttribute"/> with System.Text.Json.</summary>
    public static void AddWireAliases(this JsonSerializerOptions options) =>
        options.TypeInfoResolver = (options.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver()).WithAddedModifier(AddAliases);

    private static void AddAliases(JsonTypeInfo type)
    {
        if (type.Kind != JsonTypeInfoKind.Object || !typeof(WireBody).IsAssignableFrom(type.Type))
        {
            return;
        }
        foreach (var property in type.Properties.ToList())
        {
            if (property.Set is not { } set)
            {
                continue;
            }
            var wireName = property.Name;
            property.Set = Remembering(set, wireName, wireName);
            var aliases = (property.AttributeProvider as MemberInfo)?.GetCustomAttribute<WireAliasAttribute>()?.Names ?? [];
            foreach (var alias in aliases)
            {
                var aliasProperty = type.CreateJsonPropertyInfo(property.PropertyType, alias);
                aliasProperty.Set = Remembering(set, wireName, alias);
                aliasProperty.Get = null;
                type.Properties.Add(aliasProperty);
            }
        }
    }

    private static Action<object, object?> Remembering(Action<object, object?> set, string wireName, string nameUsed) => (body, value) =>
    {
        set(body, value);
        ((WireBody)body).Saw(wireName, nameUsed);
    };
}
