using System.Collections.Frozen;

namespace AgentLocator.Grains.Customers;

/// <summary>
/// What Twilio's <c>From</c> says about a caller who gave no number to call back: the one place that knows
/// Twilio's special values. Since May 2023 Twilio sends a withheld caller ID as the word "anonymous"; before
/// that (and still on some legs and carriers) it spelled the word on a phone keypad as a number, e.g.
/// ANONYMOUS → +266696687, RESTRICTED → +7378742833. Browser and SIP callers arrive as <c>client:</c> and
/// <c>sip:</c> identities. None of these is a number anyone can call back, so none may create or match a customer.
/// </summary>
public static class CallerId
{
    /// <summary>How the call list, the call page and the follow-up task name such a caller.</summary>
    public const string WithheldDisplay = "מספר חסוי";

    /// <summary>The words carriers and Twilio use for a caller ID they will not or cannot pass on.</summary>
    private static readonly string[] WithheldWords = ["anonymous", "restricted", "unavailable", "unknown", "private", "blocked", "withheld"];

    private static readonly FrozenSet<string> Words = WithheldWords.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>The keypad spellings (ANONYMOUS = 266696687 …), derived from the words so the two lists cannot drift.</summary>
    private static readonly FrozenSet<string> KeypadForms = WithheldWords.Select(Keypad).ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Identities of callers who are not on the phone network (the Voice SDK, a SIP domain).</summary>
    private static readonly string[] IdentityPrefixes = ["client:", "sip:"];

    /// <summary>True when <paramref name="from"/> gives no number to call back: empty, a withheld word or its keypad number, a client or SIP identity.</summary>
    public static bool IsWithheld(string? from)
    {
        if (string.IsNullOrWhiteSpace(from))
        {
            return true;
        }
        var value = from.Trim();
        if (Words.Contains(value) || IdentityPrefixes.Any(prefix => value.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)))
        {
            return true;
        }
        var digits = value.StartsWith('+') ? value[1..] : value;
        return KeypadForms.Contains(digits);
    }

    /// <summary>The caller as people read it: "מספר חסוי" for every withheld form, the national form of a number, else the value as given.</summary>
    public static string Display(string? from) =>
        IsWithheld(from) ? WithheldDisplay
        : Phones.TryNormalize(from, out var phone) ? phone.Display
        : from!.Any(char.IsAsciiDigit) ? from! : WithheldDisplay;

    /// <summary>A word as typed on a phone keypad (ITU E.161 letters): "ANONYMOUS" → "266696687".</summary>
    internal static string Keypad(string word) =>
        new([.. word.ToUpperInvariant().Select(letter => letter switch
        {
            >= 'A' and <= 'C' => '2',
            >= 'D' and <= 'F' => '3',
            >= 'G' and <= 'I' => '4',
            >= 'J' and <= 'L' => '5',
            >= 'M' and <= 'O' => '6',
            >= 'P' and <= 'S' => '7',
            >= 'T' and <= 'V' => '8',
            >= 'W' and <= 'Z' => '9',
            _ => throw new ArgumentException($"'{letter}' has no key.", nameof(word)),
        })]);
}
