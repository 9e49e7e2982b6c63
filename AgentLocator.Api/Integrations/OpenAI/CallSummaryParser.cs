using System.Text.Json;
using AgentLocator.Grains.Calls.Providers;

namespace AgentLocator.Api.Integrations.OpenAI;

/// <summary>
/// Reads the summary a chat model wrote. Models asked for JSON still wrap it in code fences, add a sentence around it,
/// invent intents or nest values; none of that may lose the call's summary, so whatever cannot be read as asked is
/// kept as plain text with intent <see cref="CallIntents.Other"/>.
/// </summary>
public static class CallSummaryParser
{
    /// <summary>A summary is shown in lists and the timeline; a runaway answer is cut rather than stored whole.</summary>
    public const int MaxSummaryLength = 2000;

    private const int MaxLeadValueLength = 500;

    public static CallSummary Parse(string? text)
    {
        var raw = (text ?? "").Trim();
        if (TryReadObject(raw) is not { } root)
        {
            return new CallSummary(Cap(raw, MaxSummaryLength), CallIntents.Other, new Dictionary<string, string>());
        }
        using (root)
        {
            var summary = root.RootElement.TryGetProperty("summary", out var s) && s.ValueKind == JsonValueKind.String
                ? s.GetString()!.Trim()
                : "";
            return new CallSummary(Cap(summary, MaxSummaryLength), Intent(root.RootElement), Lead(root.RootElement));
        }
    }

    // The object is taken from the first '{' to the last '}', which also strips ```json fences and any chatter around them.
    private static JsonDocument? TryReadObject(string raw)
    {
        var start = raw.IndexOf('{');
        var end = raw.LastIndexOf('}');
        if (start < 0 || end <= start)
        {
            return null;
        }
        try
        {
            var document = JsonDocument.Parse(raw.AsMemory(start, end - start + 1),
                new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                return document;
            }
            document.Dispose();
            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Intent(JsonElement root)
    {
        if (!root.TryGetProperty("intent", out var intent) || intent.ValueKind != JsonValueKind.String)
        {
            return CallIntents.Other;
        }
        var value = intent.GetString()!.Trim().ToLowerInvariant();
        return CallIntents.All.Contains(value) ? value : CallIntents.Other;
    }

    private static Dictionary<string, string> Lead(JsonElement root)
    {
        var lead = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (!root.TryGetProperty("lead", out var fields) || fields.ValueKind != JsonValueKind.Object)
        {
            return lead;
        }
        foreach (var field in fields.EnumerateObject())
        {
            var value = field.Value.ValueKind switch
            {
                JsonValueKind.String => field.Value.GetString()!.Trim(),
                // A budget or a number of rooms often comes back as a number; its JSON text is what the caller said.
                JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => field.Value.GetRawText(),
                _ => "",
            };
            var name = field.Name.Trim();
            if (name.Length > 0 && value.Length > 0)
            {
                lead[name] = Cap(value, MaxLeadValueLength);
            }
        }
        return lead;
    }

    private static string Cap(string text, int length) => text.Length <= length ? text : text[..length];
}
