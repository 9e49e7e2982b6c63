namespace AgentLocator.Grains.Features;

/// <summary>A plan the operator sells: the features a business may switch on and how many users it may have (null: no cap).</summary>
public sealed record Plan(string Name, IReadOnlyList<Feature> Features, int? MaxUsers)
{
    public IReadOnlyList<string> FeatureNames => [.. Features.Select(feature => feature.ToName())];
}

/// <summary>The operator's plans. A business keeps a copy of its plan's features and cap, set by the operator.</summary>
public static class Plans
{
    public const string DefaultName = "full";

    public static IReadOnlyList<Plan> All { get; } =
    [
        new("basic", [Feature.Crm, Feature.Calls], 3),
        new("standard", [Feature.Crm, Feature.Calls, Feature.WhatsApp], 10),
        new(DefaultName, Enum.GetValues<Feature>(), null),
    ];

    public static Plan? Find(string? name) =>
        All.FirstOrDefault(plan => string.Equals(plan.Name, name?.Trim(), StringComparison.OrdinalIgnoreCase));
}
