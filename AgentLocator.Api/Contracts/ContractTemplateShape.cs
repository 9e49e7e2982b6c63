using System.Text.RegularExpressions;
using AgentLocator.Grains.Contracts;

namespace AgentLocator.Api.Contracts;

/// <summary>
/// A template request's shape (400, by field) and its text's rules (422): the body is sanitised to the whitelist, then
/// every placeholder must be a built-in or a declared field.
/// </summary>
public static partial class ContractTemplateShape
{
    public const int MaxBodyLength = 200_000;
    public const int MaxFields = 30;

    [GeneratedRegex("^[a-z][a-z0-9_]{0,39}$")]
    private static partial Regex FieldKey();

    /// <summary>The draft, or null with <paramref name="errors"/> (shape) or <paramref name="problems"/> (placeholders) filled.</summary>
    public static TemplateDraft? Parse(ContractTemplateRequest request, Dictionary<string, string[]> errors, List<string> problems)
    {
        var name = request.Name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > 200)
        {
            errors["name"] = ["name is required, at most 200 characters."];
        }
        if (string.IsNullOrWhiteSpace(request.BodyHtml) || request.BodyHtml.Length > MaxBodyLength)
        {
            errors["bodyHtml"] = [$"bodyHtml is required, at most {MaxBodyLength} characters."];
        }
        var fields = new List<ContractField>();
        if (request.Fields is { Count: > MaxFields })
        {
            errors["fields"] = [$"At most {MaxFields} fields."];
        }
        for (var i = 0; i < Math.Min(request.Fields?.Count ?? 0, MaxFields); i++)
        {
            var field = request.Fields![i];
            var key = field?.Key?.Trim() ?? "";
            var label = field?.Label?.Trim() ?? "";
            if (!FieldKey().IsMatch(key))
            {
                errors[$"fields[{i}].key"] = ["key is lowercase Latin letters, digits and _, starting with a letter (at most 40)."];
            }
            else if (fields.Any(f => f.Key == key))
            {
                errors[$"fields[{i}].key"] = ["Each field has its own key."];
            }
            if (label.Length is 0 or > 100)
            {
                errors[$"fields[{i}].label"] = ["label is required, at most 100 characters."];
            }
            fields.Add(new ContractField(key, label, field?.Required ?? false));
        }
        if (errors.Count > 0)
        {
            return null;
        }
        var body = ContractTemplateText.Sanitize(request.BodyHtml!);
        if (body.Length == 0)
        {
            problems.Add("The body has no text once formatting outside the allowed set is removed.");
        }
        problems.AddRange(ContractTemplateText.Problems(body, fields.Select(f => f.Key)));
        return problems.Count > 0 ? null : new TemplateDraft(name!, body, fields);
    }
}
