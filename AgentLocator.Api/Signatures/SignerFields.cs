using System.Globalization;
using System.Text.Json;
using AgentLocator.Grains.Contracts;
using AgentLocator.Grains.Data.Entities;

namespace AgentLocator.Api.Signatures;

/// <summary>One of the signer's fields as the signing page draws it over the page image; <see cref="Value"/> once filled (never an image).</summary>
public sealed record SigningField(string Key, string Kind, int Page, double X, double Y, double Width, double Height, bool Required, string Label,
    string? Value, bool Filled);

/// <summary>
/// The fields of a request that one signer fills: those placed for their role. When two signers share a role the first of
/// them (by position) holds its fields, so every field has exactly one signer and one stamp. Values are checked here:
/// signature and initials a PNG (drawn, or typed and drawn by the page), text at most 500 characters, a checkbox true or
/// false, and a date is the signing date whatever was sent.
/// </summary>
public static class SignerFields
{
    public const int MaxTextLength = 500;
    private static readonly TimeZoneInfo Israel = TimeZoneInfo.FindSystemTimeZoneById("Asia/Jerusalem");

    public static IReadOnlyList<PdfField> For(SignatureRequest request, SignatureSigner signer)
    {
        var holder = request.Signers.OrderBy(s => s.Position).FirstOrDefault(s => s.Role == signer.Role);
        return holder?.Id != signer.Id ? [] : [.. PdfFields.Read(request.FieldsJson).Where(field => field.Role == signer.Role)];
    }

    public static IReadOnlyDictionary<string, string> Values(SignatureSigner signer) =>
        signer.FieldValuesJson is { } json ? JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? [] : new Dictionary<string, string>();

    public static IReadOnlyList<SigningField> View(SignatureRequest request, SignatureSigner signer)
    {
        var values = Values(signer);
        return [.. For(request, signer).Select(field =>
        {
            var value = values.GetValueOrDefault(field.Key);
            return new SigningField(field.Key, field.Kind, field.Page, field.X, field.Y, field.Width, field.Height, field.Required, field.Label,
                PdfFieldKinds.IsImage(field.Kind) ? null : value, value is not null);
        })];
    }

    /// <summary>The values to store as JSON (null when the signer has no fields), or the problems by <c>fields.key</c>.</summary>
    public static string? Check(IReadOnlyList<PdfField> fields, IReadOnlyDictionary<string, string?>? sent, DateTimeOffset signedAt,
        Dictionary<string, string[]> errors)
    {
        if (fields.Count == 0)
        {
            return null;
        }
        var clean = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var key in (sent ?? new Dictionary<string, string?>()).Keys.Where(key => !fields.Any(field => field.Key == key)))
        {
            errors[$"fields.{key}"] = ["אין שדה כזה לחותם זה."];
        }
        foreach (var field in fields)
        {
            var given = sent?.GetValueOrDefault(field.Key)?.Trim();
            string? value = field.Kind switch
            {
                PdfFieldKinds.Date => TimeZoneInfo.ConvertTime(signedAt, Israel).ToString("dd/MM/yyyy", CultureInfo.InvariantCulture),
                PdfFieldKinds.Checkbox => given switch { "true" => "true", "false" or null or "" => field.Required ? null : "false", _ => Invalid(field, errors) },
                PdfFieldKinds.Text => given is { Length: > MaxTextLength } ? Invalid(field, errors, $"עד {MaxTextLength} תווים.") : given is { Length: > 0 } ? given : null,
                _ => given is { Length: > 0 } ? Base64Png(given) ?? Invalid(field, errors, "יש לחתום (ציור או הקלדה).") : null,
            };
            if (value is null && field.Required)
            {
                errors.TryAdd($"fields.{field.Key}", [$"השדה \"{field.Label}\" הוא שדה חובה."]);
            }
            else if (value is not null && !errors.ContainsKey($"fields.{field.Key}"))
            {
                clean[field.Key] = value;
            }
        }
        return JsonSerializer.Serialize(clean);
    }

    private static string? Invalid(PdfField field, Dictionary<string, string[]> errors, string? why = null)
    {
        errors[$"fields.{field.Key}"] = [why ?? $"ערך לא תקין בשדה \"{field.Label}\"."];
        return null;
    }

    /// <summary>A drawn field's value as stored: the PNG's base64, else null.</summary>
    private static string? Base64Png(string value) => SignaturePng.Decode(value) is { } png ? Convert.ToBase64String(png) : null;
}
