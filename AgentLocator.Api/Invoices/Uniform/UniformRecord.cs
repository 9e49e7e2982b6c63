using System.Globalization;
using System.Text;

namespace AgentLocator.Api.Invoices.Uniform;

/// <summary>
/// The uniform structure's code page: ISO-8859-8 (field 1029 = 1, "ISO-8859-8-i", logical order), one byte per character,
/// so a record's length in characters is its length in bytes. A character it cannot hold is written as '?'.
/// </summary>
public static class UniformEncoding
{
    public const int CharacterSetCode = 1;

    public static Encoding Hebrew { get; } = Create();

    private static Encoding Create()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(28598, new EncoderReplacementFallback("?"), new DecoderReplacementFallback("?"));
    }

    /// <summary>The text as the code page will store it: one character per byte, unknown ones (and surrogate pairs) as '?'.</summary>
    public static string Representable(string text)
    {
        // A character beyond the BMP (an emoji) is two UTF-16 units: fold it to one '?' first, so it costs one byte, not two.
        var folded = new StringBuilder(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            folded.Append(rune.IsBmp ? (char)rune.Value : '?');
        }
        return Hebrew.GetString(Hebrew.GetBytes(folded.ToString()));
    }
}

/// <summary>One record being filled: values by field name, written by its layout into exactly <see cref="UniformRecordLayout.Length"/> characters.</summary>
public sealed class UniformRecord(UniformRecordLayout layout)
{
    private readonly Dictionary<string, object?> values = [];

    public UniformRecordLayout Layout => layout;

    public UniformRecord Set(string name, object? value)
    {
        _ = layout[name];
        values[name] = value;
        return this;
    }

    public string Render()
    {
        var line = new StringBuilder(layout.Length);
        foreach (var field in layout.Fields)
        {
            var value = field.Name == "code" && layout.Code.Length > 0 ? layout.Code : values.GetValueOrDefault(field.Name);
            var text = Format(field, value);
            if (line.Length != field.Position - 1 || text.Length != field.Length)
            {
                throw new InvalidOperationException($"{layout.Code} field {field.Number} ({field.Name}) is not where its layout puts it.");
            }
            line.Append(text);
        }
        return line.ToString();
    }

    private static string Format(UniformField field, object? value) => field.Kind switch
    {
        UniformFieldKind.Text => Text(value as string ?? value?.ToString() ?? "", field.Length),
        UniformFieldKind.Number => Digits(field, Convert.ToInt64(value ?? 0L, CultureInfo.InvariantCulture), field.Length),
        UniformFieldKind.Signed => Signed(field, Convert.ToInt64(value ?? 0L, CultureInfo.InvariantCulture)),
        UniformFieldKind.Date => value is DateOnly date ? date.ToString("yyyyMMdd", CultureInfo.InvariantCulture) : new string('0', field.Length),
        UniformFieldKind.Time => value is TimeOnly time ? time.ToString("HHmm", CultureInfo.InvariantCulture) : new string('0', field.Length),
        _ => throw new ArgumentOutOfRangeException(nameof(field)),
    };

    /// <summary>Line breaks and tabs would break the fixed layout: they become spaces; then cut and pad to the length.</summary>
    private static string Text(string value, int length)
    {
        var flat = UniformEncoding.Representable(value.ReplaceLineEndings(" ").Replace('\t', ' ').Trim());
        return flat.Length >= length ? flat[..length] : flat.PadRight(length);
    }

    private static string Digits(UniformField field, long value, int length)
    {
        var digits = value.ToString(CultureInfo.InvariantCulture);
        if (value < 0 || digits.Length > length)
        {
            throw new InvalidOperationException($"Field {field.Number} ({field.Name}) cannot hold {value} in {length} digits.");
        }
        return digits.PadLeft(length, '0');
    }

    private static string Signed(UniformField field, long value) =>
        (value < 0 ? "-" : "+") + Digits(field, Math.Abs(value), field.Length - 1);
}
