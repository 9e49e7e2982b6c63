using System.Text.Json;

namespace AgentLocator.Grains.Contracts;

/// <summary>What a field placed on an uploaded PDF asks its signer for.</summary>
public static class PdfFieldKinds
{
    public const string Signature = "signature";
    public const string Initials = "initials";
    public const string Date = "date";
    public const string Text = "text";
    public const string Checkbox = "checkbox";

    public static readonly IReadOnlyList<string> All = [Signature, Initials, Date, Text, Checkbox];

    /// <summary>Kinds whose value is a PNG (drawn, or typed and drawn by the signer's browser).</summary>
    public static bool IsImage(string kind) => kind is Signature or Initials;
}

/// <summary>
/// A field placed on a page of an uploaded PDF for one signer role. The rectangle is in fractions of the page (0..1, from
/// the top-left corner as the page is shown), so it lands in the same place whatever size the page is rendered or printed.
/// <see cref="Key"/> names the field within its template version (and so within a signature request made from it).
/// </summary>
public sealed record PdfField(string Key, string Kind, string Role, int Page, double X, double Y, double Width, double Height, bool Required,
    string Label);

/// <summary>The JSON template versions and signature requests store their placed fields as.</summary>
public static class PdfFields
{
    public static IReadOnlyList<PdfField> Read(string? json) =>
        string.IsNullOrEmpty(json) ? [] : JsonSerializer.Deserialize<List<PdfField>>(json, JsonSerializerOptions.Web) ?? [];

    public static string Write(IReadOnlyList<PdfField> fields) => JsonSerializer.Serialize(fields, JsonSerializerOptions.Web);
}
