namespace AgentLocator.Grains.Features;

/// <summary>A product capability a business's plan can enable and an admin can narrow per user.</summary>
public enum Feature
{
    Crm,
    Calls,
    WhatsApp,
    Contracts,
    Invoices,
    Signatures,
}

public static class FeatureNames
{
    private static readonly Dictionary<Feature, string> Names = new()
    {
        [Feature.Crm] = "crm",
        [Feature.Calls] = "calls",
        [Feature.WhatsApp] = "whatsapp",
        [Feature.Contracts] = "contracts",
        [Feature.Invoices] = "invoices",
        [Feature.Signatures] = "signatures",
    };

    private static readonly Dictionary<string, Feature> ByName =
        Names.ToDictionary(pair => pair.Value, pair => pair.Key, StringComparer.OrdinalIgnoreCase);

    public static IReadOnlyList<string> All { get; } = [.. Names.Values];

    public static string ToName(this Feature feature) => Names[feature];

    public static bool TryParse(string name, out Feature feature) => ByName.TryGetValue(name, out feature);

    /// <summary>
    /// What a user may use: the plan's set, narrowed by the user's own limits when an admin set any.
    /// Unknown names (a feature since removed) are dropped rather than failing a login.
    /// </summary>
    public static IReadOnlyList<string> Effective(IEnumerable<string> planFeatures, IEnumerable<string>? userLimits)
    {
        var plan = planFeatures.Where(ByName.ContainsKey).Select(name => ByName[name].ToName());
        var effective = userLimits is null
            ? plan
            : plan.Intersect(userLimits.Where(ByName.ContainsKey).Select(name => ByName[name].ToName()));
        return [.. effective.Distinct().OrderBy(name => ByName[name])];
    }

    /// <summary>The requested names (normalized) that the plan does not include; unknown names count as outside.</summary>
    public static IReadOnlyList<string> OutsidePlan(IEnumerable<string> requested, IEnumerable<string> planFeatures)
    {
        var plan = Effective(planFeatures, null);
        return [.. requested.Select(name => ByName.TryGetValue(name, out var feature) ? feature.ToName() : name)
            .Where(name => !plan.Contains(name)).Distinct()];
    }
}
