using System.Text.Encodings.Web;
using AgentLocator.Grains.Contracts;
using Fluid;
using Fluid.Ast;
using Ganss.Xss;

namespace AgentLocator.Api.Contracts;

/// <summary>What a contract's placeholders print: the customer, the business, the contract's date and its field values.</summary>
public sealed record ContractValues(string CustomerName, string? CustomerPhone, string BusinessName, DateOnly Today, IReadOnlyDictionary<string, string> Fields);

/// <summary>
/// A template body's two rules and its rendering. The body is rich text held to a small whitelist (p, h1–h3, strong, em,
/// u, ul/ol/li, br; no attributes) by HtmlSanitizer; its placeholders are Liquid output tags (Fluid) naming only
/// <see cref="BuiltIns"/> or <c>fields.key</c> of a declared field — no tags, filters or literals, so a template can
/// neither run logic nor print what it was not given. Values print HTML-encoded.
/// </summary>
public static class ContractTemplateText
{
    public static readonly IReadOnlyList<string> BuiltIns = ["customer.name", "customer.phone", "business.name", "today"];

    private static readonly FluidParser Parser = new();
    private static readonly TemplateOptions Options = TemplateOptions.Default;
    private static readonly HashSet<string> DroppedWhole = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "style", "template", "noscript", "iframe", "object", "embed", "textarea", "title", "svg", "math", "select", "head",
    };

    private static readonly HtmlSanitizer Sanitizer = CreateSanitizer();

    private static HtmlSanitizer CreateSanitizer()
    {
        var sanitizer = new HtmlSanitizer();
        sanitizer.AllowedTags.Clear();
        foreach (var tag in new[] { "p", "h1", "h2", "h3", "strong", "em", "u", "ul", "ol", "li", "br" })
        {
            sanitizer.AllowedTags.Add(tag);
        }
        sanitizer.AllowedAttributes.Clear();
        sanitizer.AllowedCssProperties.Clear();
        sanitizer.AllowedAtRules.Clear();
        sanitizer.AllowedSchemes.Clear();
        sanitizer.AllowedClasses.Clear();
        sanitizer.AllowDataAttributes = false;
        // A disallowed element (a div, a link) loses its tag but keeps its text, as pasted text should; what holds code or
        // hidden text (a script, a style) goes whole.
        sanitizer.KeepChildNodes = true;
        sanitizer.RemovingTag += (_, removing) =>
        {
            if (DroppedWhole.Contains(removing.Tag.NodeName))
            {
                removing.Tag.TextContent = "";
            }
        };
        return sanitizer;
    }

    public static string Sanitize(string html) => Sanitizer.Sanitize(html).Trim();

    /// <summary>Each placeholder in <paramref name="sanitizedBody"/> that is not allowed, as written (empty: all resolve).</summary>
    public static IReadOnlyList<string> Problems(string sanitizedBody, IEnumerable<string> fieldKeys)
    {
        if (!Parser.TryParse(sanitizedBody, out var template, out var error))
        {
            return [$"The placeholders cannot be read: {error}"];
        }
        var allowed = BuiltIns.Concat(fieldKeys.Select(key => $"fields.{key}")).ToHashSet(StringComparer.Ordinal);
        var problems = new List<string>();
        foreach (var statement in Statements(template))
        {
            switch (statement)
            {
                case TextSpanStatement:
                    break;
                case OutputStatement { Expression: MemberExpression member } when Path(member) is { } path:
                    if (!allowed.Contains(path))
                    {
                        problems.Add($"Unknown placeholder {{{{{path}}}}}.");
                    }
                    break;
                case OutputStatement:
                    problems.Add("A placeholder names one value, like {{customer.name}}; filters and literals are not allowed.");
                    break;
                default:
                    problems.Add("Only placeholders ({{…}}) are allowed; Liquid tags ({%…%}) are not.");
                    break;
            }
        }
        return [.. problems.Distinct()];
    }

    /// <summary>The body with every placeholder replaced by its value, HTML-encoded; a field left empty prints nothing.</summary>
    public static string Render(string sanitizedBody, ContractValues values)
    {
        var template = Parser.Parse(sanitizedBody);
        var context = new TemplateContext(Options);
        context.SetValue("customer", new Dictionary<string, object?> { ["name"] = values.CustomerName, ["phone"] = values.CustomerPhone ?? "" });
        context.SetValue("business", new Dictionary<string, object?> { ["name"] = values.BusinessName });
        context.SetValue("today", values.Today.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture));
        context.SetValue("fields", values.Fields.ToDictionary(pair => pair.Key, pair => (object?)pair.Value));
        return template.Render(context, HtmlEncoder.Default);
    }

    private static IEnumerable<Statement> Statements(IFluidTemplate template) =>
        template is IStatementList list ? list.Statements : [];

    /// <summary>"customer.name" for a plain member path; null for anything with an index or a call.</summary>
    private static string? Path(MemberExpression member)
    {
        var names = new List<string>();
        foreach (var segment in member.Segments)
        {
            if (segment is not IdentifierSegment identifier)
            {
                return null;
            }
            names.Add(identifier.Identifier);
        }
        return string.Join('.', names);
    }
}
