using AgentLocator.Grains.Contracts;
using AgentLocator.Grains.Data.Entities;

namespace AgentLocator.Api.Contracts;

/// <summary>
/// The rules for fields placed on an uploaded PDF: a known kind and signer role, a page the file has, a rectangle inside
/// the page (fractions 0..1 from the top-left, not degenerate) and a label. Problems are named by wire path
/// (<c>pdfFields[2].page</c>) so the editor can point at the field.
/// </summary>
public static class PdfTemplateShape
{
    public const int MaxFields = 100;

    /// <summary>Smallest width or height a field may have, as a fraction of the page (a field must be tappable).</summary>
    public const double MinSize = 0.005;

    /// <summary>The fields with keys <c>f1</c>, <c>f2</c>… in order, or null with <paramref name="errors"/> filled.</summary>
    public static IReadOnlyList<PdfField>? Parse(IReadOnlyList<PdfFieldDto?>? requested, int pageCount, Dictionary<string, string[]> errors)
    {
        var fields = new List<PdfField>();
        if (requested is { Count: > MaxFields })
        {
            errors["pdfFields"] = [$"At most {MaxFields} fields."];
            return null;
        }
        for (var i = 0; i < (requested?.Count ?? 0); i++)
        {
            var field = requested![i];
            var at = $"pdfFields[{i}]";
            if (field is null)
            {
                errors[at] = ["A field is an object."];
                continue;
            }
            if (field.Kind is not { } kind || !PdfFieldKinds.All.Contains(kind))
            {
                errors[$"{at}.kind"] = [$"kind is one of {string.Join(", ", PdfFieldKinds.All)}."];
            }
            if (field.Role is not { } role || !SignerRoles.All.Contains(role))
            {
                errors[$"{at}.role"] = [$"role is one of {string.Join(", ", SignerRoles.All)}."];
            }
            if (field.Page is not { } page || page < 1 || page > pageCount)
            {
                errors[$"{at}.page"] = [$"page is between 1 and {pageCount}."];
            }
            if (!Inside(field.X, field.Width) || !Inside(field.Y, field.Height))
            {
                errors[$"{at}.rectangle"] = ["x, y, width and height are fractions of the page; the rectangle lies inside it."];
            }
            var label = field.Label?.Trim() ?? "";
            if (label.Length > 100)
            {
                errors[$"{at}.label"] = ["label is at most 100 characters."];
            }
            fields.Add(new PdfField($"f{i + 1}", field.Kind ?? "", field.Role ?? "", field.Page ?? 0, field.X ?? 0, field.Y ?? 0, field.Width ?? 0,
                field.Height ?? 0, field.Required ?? true, label.Length > 0 ? label : DefaultLabel(field.Kind)));
        }
        return errors.Count > 0 ? null : fields;
    }

    private static bool Inside(double? start, double? size) =>
        start is { } s && size is { } z && double.IsFinite(s) && double.IsFinite(z) && s >= 0 && z >= MinSize && s + z <= 1 + 1e-9;

    /// <summary>The Hebrew name a field goes by when the admin gave it none.</summary>
    public static string DefaultLabel(string? kind) => kind switch
    {
        PdfFieldKinds.Signature => "חתימה",
        PdfFieldKinds.Initials => "ראשי תיבות",
        PdfFieldKinds.Date => "תאריך",
        PdfFieldKinds.Checkbox => "תיבת סימון",
        _ => "טקסט",
    };
}
