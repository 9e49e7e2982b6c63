using System.Text.Json;
using System.Text.RegularExpressions;

namespace AgentLocator.Api.WhatsApp;

/// <summary>An approved WhatsApp template: Twilio's Content SID, its name, its text with <c>{{1}}</c>-style placeholders, and their names.</summary>
public sealed record WhatsAppTemplate(string Id, string Name, string Body, IReadOnlyList<string> Variables);

/// <summary>The business's templates; <c>source</c> says where they came from: <c>twilio</c> (the account's Content API) or <c>business</c> (configured here).</summary>
public sealed record WhatsAppTemplateList(IReadOnlyList<WhatsAppTemplate> Items, string Source);

/// <summary>A template an admin configures for the business (when the Twilio account lists none): its Content SID, name and text.</summary>
public sealed record WhatsAppTemplateSetting(string? Id, string? Name, string? Body);

public static partial class WhatsAppTemplates
{
    public const string FromTwilio = "twilio";
    public const string FromBusiness = "business";
    public const int MaxConfigured = 50;
    public const int MaxName = 100;
    public const int MaxBody = 1024;

    /// <summary>The placeholders of a template's text in order of first use: <c>{{1}}</c>, <c>{{ first_name }}</c>.</summary>
    public static IReadOnlyList<string> VariablesOf(string body) =>
        [.. Placeholder().Matches(body).Select(match => match.Groups[1].Value).Distinct(StringComparer.Ordinal)];

    public static bool IsContentSid(string? id) => id is not null && ContentSid().IsMatch(id);

    /// <summary>The business's configured templates as stored (<c>businesses.whatsapp_templates</c>).</summary>
    public static IReadOnlyList<WhatsAppTemplate> Parse(string? json) =>
        json is null
            ? []
            : [.. (JsonSerializer.Deserialize<List<WhatsAppTemplateSetting>>(json, JsonSerializerOptions.Web) ?? [])
                .Where(t => t.Id is not null && t.Body is not null)
                .Select(t => new WhatsAppTemplate(t.Id!, t.Name ?? t.Id!, t.Body!, VariablesOf(t.Body!)))];

    /// <summary>Checks an admin's list; the errors are keyed by field for a validation problem.</summary>
    public static Dictionary<string, string[]> Validate(IReadOnlyList<WhatsAppTemplateSetting> templates)
    {
        var errors = new Dictionary<string, string[]>();
        if (templates.Count > MaxConfigured)
        {
            errors["templates"] = [$"At most {MaxConfigured} templates."];
            return errors;
        }
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < templates.Count; i++)
        {
            var template = templates[i];
            if (!IsContentSid(template.Id?.Trim()))
            {
                errors[$"templates[{i}].id"] = ["id is the template's Twilio Content SID (HX and 32 hexadecimal digits)."];
            }
            else if (!seen.Add(template.Id!.Trim()))
            {
                errors[$"templates[{i}].id"] = [$"{template.Id!.Trim()} is listed twice."];
            }
            if (string.IsNullOrWhiteSpace(template.Name) || template.Name.Trim().Length > MaxName)
            {
                errors[$"templates[{i}].name"] = [$"name is 1 to {MaxName} characters."];
            }
            if (string.IsNullOrWhiteSpace(template.Body) || template.Body.Trim().Length > MaxBody)
            {
                errors[$"templates[{i}].body"] = [$"body is 1 to {MaxBody} characters."];
            }
        }
        return errors;
    }

    /// <summary>The list as stored: trimmed, in the admin's order.</summary>
    public static string? Serialize(IReadOnlyList<WhatsAppTemplateSetting> templates) =>
        templates.Count == 0
            ? null
            : JsonSerializer.Serialize(templates.Select(t => new WhatsAppTemplateSetting(t.Id!.Trim(), t.Name!.Trim(), t.Body!.Trim())), JsonSerializerOptions.Web);

    [GeneratedRegex(@"\{\{\s*([A-Za-z0-9_]{1,20})\s*\}\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex("^HX[0-9a-fA-F]{32}$")]
    private static partial Regex ContentSid();
}
