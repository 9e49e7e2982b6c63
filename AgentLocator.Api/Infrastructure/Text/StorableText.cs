using System.Buffers;

namespace AgentLocator.Api.Infrastructure.Text;

/// <summary>
/// Text Postgres can store. Its <c>text</c> type refuses a NUL character (U+0000), and UTF-8 has no encoding for a
/// UTF-16 surrogate without its partner, so either would fail deep inside a query as a server error. Every way text
/// comes in (query strings, route values, JSON bodies, CSV imports) is checked here first and refused as the
/// caller's mistake, naming the field.
/// </summary>
public static class StorableText
{
    /// <summary>The characters worth a closer look: NUL and the whole surrogate range (pairs are fine, lone halves are not).</summary>
    private static readonly SearchValues<char> Suspects = SearchValues.Create("\0" + string.Concat(Enumerable.Range(0xD800, 0x800).Select(c => (char)c)));

    /// <summary>Why the text cannot be stored (completing "… <paramref name="text"/>"), or null when it can.</summary>
    public static string? Problem(ReadOnlySpan<char> text)
    {
        var at = text.IndexOfAny(Suspects);
        while (at >= 0)
        {
            var c = text[at];
            if (c == '\0')
            {
                return NulProblem;
            }
            if (char.IsHighSurrogate(c) && at + 1 < text.Length && char.IsLowSurrogate(text[at + 1]))
            {
                var rest = text[(at + 2)..].IndexOfAny(Suspects);
                at = rest < 0 ? -1 : at + 2 + rest;
                continue;
            }
            return SurrogateProblem;
        }
        return null;
    }

    public static bool IsStorable(ReadOnlySpan<char> text) => Problem(text) is null;

    /// <summary>Whether a reason given for a field is one of ours (rather than, say, "must be a string").</summary>
    public static bool IsTextProblem(string problem) => problem is NulProblem or SurrogateProblem or InvalidUnicodeProblem;

    /// <summary>The message for a field: "<paramref name="field"/> contains …".</summary>
    public static string Message(string field, string problem) => $"{field} {problem}";

    public const string NulProblem = "contains a NUL character (U+0000), which cannot be stored; remove it.";
    public const string SurrogateProblem = "contains an unpaired UTF-16 surrogate (broken Unicode text), which cannot be stored.";
    public const string InvalidUnicodeProblem = "is not valid Unicode text (an unpaired surrogate or invalid UTF-8), which cannot be stored.";
}
