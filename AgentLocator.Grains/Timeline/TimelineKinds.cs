using AgentLocator.Grains.Features;

namespace AgentLocator.Grains.Timeline;

/// <summary>
/// What the timeline knows about one kind of event: the feature that covers it (a user without that feature never
/// sees such an event, anywhere), the wire property that carries its card, the route its link opens, and the title
/// a card shows when the writer gives none. Adding a kind is one entry in <see cref="TimelineKinds.All"/>.
/// </summary>
public sealed record TimelineKind(string Name, Feature Feature, string? CardProperty, string LinkPrefix, string DefaultTitle)
{
    public string LinkTo(Guid id) => $"{LinkPrefix}/{id}";
}

public static class TimelineKinds
{
    public static readonly TimelineKind Call = new("call", Feature.Calls, "call", "/calls", "שיחה");
    public static readonly TimelineKind Task = new("task", Feature.Crm, "task", "/tasks", "משימה");
    public static readonly TimelineKind Note = new("note", Feature.Crm, "note", "/customers", "הערה");
    public static readonly TimelineKind Customer = new("customer", Feature.Crm, "customerChange", "/customers", "פרטי לקוח");

    public static readonly TimelineKind WhatsApp = new("whatsapp", Feature.WhatsApp, "whatsapp", "/whatsapp", "הודעת WhatsApp");

    // Reserved for the modules to come: their writers add the card and title; the registry already gates them.
    public static readonly TimelineKind Contract = new("contract", Feature.Contracts, "contract", "/contracts", "חוזה");
    public static readonly TimelineKind Invoice = new("invoice", Feature.Invoices, "invoice", "/invoices", "מסמך חשבונאי");
    public static readonly TimelineKind Signature = new("signature", Feature.Signatures, null, "/signatures", "בקשת חתימה");

    public static IReadOnlyList<TimelineKind> All { get; } = [Call, Task, Note, Customer, WhatsApp, Contract, Invoice, Signature];

    private static readonly Dictionary<string, TimelineKind> ByName = All.ToDictionary(kind => kind.Name, StringComparer.Ordinal);

    public static IReadOnlyList<string> Names { get; } = [.. All.Select(kind => kind.Name)];

    public static bool TryGet(string name, out TimelineKind kind) => ByName.TryGetValue(name, out kind!);

    public static TimelineKind Of(string name) => ByName[name];

    /// <summary>The kinds a user with these features (their names) may see.</summary>
    public static IReadOnlyList<string> VisibleWith(IEnumerable<string> featureNames)
    {
        var features = featureNames.Select(name => FeatureNames.TryParse(name, out var feature) ? (Feature?)feature : null)
            .Where(feature => feature is not null).Select(feature => feature!.Value).ToHashSet();
        return [.. All.Where(kind => features.Contains(kind.Feature)).Select(kind => kind.Name)];
    }
}
