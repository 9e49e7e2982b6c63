using System.Collections.Frozen;
using System.Reflection;
using System.Text.Json.Serialization;

namespace AgentLocator.Grains.Data.Entities;

/// <summary>
/// The text each member of a status enum is stored and sent as, read from its <see cref="JsonStringEnumMemberNameAttribute"/>
/// so the database column, the JSON wire and the OpenAPI document all take the same word from one place.
/// </summary>
public static class WireNames<TEnum> where TEnum : struct, Enum
{
    private static readonly FrozenDictionary<TEnum, string> NameOf = Enum.GetValues<TEnum>().ToFrozenDictionary(
        member => member,
        member => typeof(TEnum).GetField(member.ToString())!.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name
            ?? throw new InvalidOperationException($"{typeof(TEnum).Name}.{member} has no wire name."));

    private static readonly FrozenDictionary<string, TEnum> MemberOf =
        NameOf.ToFrozenDictionary(pair => pair.Value, pair => pair.Key, StringComparer.Ordinal);

    /// <summary>Every wire name, in declaration order (for error messages and check constraints).</summary>
    public static IReadOnlyList<string> All { get; } = [.. Enum.GetValues<TEnum>().Select(member => NameOf[member])];

    public static string Of(TEnum member) => NameOf.TryGetValue(member, out var name)
        ? name
        : throw new ArgumentOutOfRangeException(nameof(member), member, $"Not a {typeof(TEnum).Name}.");

    /// <summary>The member stored as <paramref name="name"/>; a word outside the enum is a corrupt row, so it throws.</summary>
    public static TEnum Parse(string name) => MemberOf.TryGetValue(name, out var member)
        ? member
        : throw new FormatException($"'{name}' is not a {typeof(TEnum).Name}.");

    public static bool TryParse(string? name, out TEnum member) => MemberOf.TryGetValue(name ?? "", out member);

    /// <summary>The body of an SQL <c>IN (…)</c> list of every wire name, for a column's check constraint.</summary>
    public static string SqlList() => string.Join(", ", All.Select(name => $"'{name}'"));
}
