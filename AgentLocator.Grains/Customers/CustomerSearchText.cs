using System.Text;

namespace AgentLocator.Grains.Customers;

/// <summary>
/// The customers' search column: name and e-mail folded the same way in Postgres (a stored generated column, so every
/// writer, COPY included, keeps it) and in C# (the typed fragment), so one trigram index answers "any part of" searches
/// whether the caller typed niqqud, a final letter in the middle of a word, or capitals.
/// </summary>
public static class CustomerSearchText
{
    public const string Column = "search_text";

    /// <summary>The EF shadow property over <see cref="Column"/> (read with <c>EF.Property&lt;string&gt;(c, Property)</c>).</summary>
    public const string Property = "SearchText";

    /// <summary>Between name and e-mail: a newline cannot be typed in the search box, so no fragment spans both.</summary>
    private const char Separator = '\n';

    /// <summary>
    /// Hebrew points and cantillation (U+0591–U+05C7, less the punctuation in that block: maqaf U+05BE, paseq U+05C0,
    /// sof pasuq U+05C3, nun hafukha U+05C6) are dropped; final forms become their ordinary letters; then lower case.
    /// Every function here is immutable, as a generated column requires.
    /// </summary>
    public const string Sql =
        "lower(translate(regexp_replace(name || E'\\n' || coalesce(email, ''), " +
        "'[\\u0591-\\u05BD\\u05BF\\u05C1\\u05C2\\u05C4\\u05C5\\u05C7]', '', 'g'), 'ךםןףץ', 'כמנפצ'))";

    /// <summary>The typed fragment folded as <see cref="Sql"/> folds the column.</summary>
    public static string Normalize(string text)
    {
        var folded = new StringBuilder(text.Length);
        foreach (var ch in text)
        {
            if (IsDroppedMark(ch))
            {
                continue;
            }
            folded.Append(ch switch
            {
                'ך' => 'כ',
                'ם' => 'מ',
                'ן' => 'נ',
                'ף' => 'פ',
                'ץ' => 'צ',
                _ => char.ToLowerInvariant(ch),
            });
        }
        return folded.ToString();
    }

    /// <summary>A typed search fragment, folded; a newline in it is a space, so it cannot match across the separator.</summary>
    public static string Fragment(string typed) => Normalize(typed).Replace(Separator, ' ');

    /// <summary>What the column holds for a customer (tests compare it with the database's own).</summary>
    public static string For(string name, string? email) => Normalize(name + Separator + (email ?? ""));

    private static bool IsDroppedMark(char ch) =>
        ch is >= '\u0591' and <= '\u05BD' or '\u05BF' or '\u05C1' or '\u05C2' or '\u05C4' or '\u05C5' or '\u05C7';
}
