using PhoneNumbers;

namespace AgentLocator.Grains.Customers;

/// <summary>A phone number as stored: E.164 for dialling and identity, digits for search, national form for people.</summary>
public sealed record NormalizedPhone(string E164, string SearchDigits, string Display);

/// <summary>
/// Israeli users type numbers every way (054-123 4567, +972541234567, 0541234567, 541234567); they must all
/// mean the same customer. Parsing uses libphonenumber with Israel as the default region.
/// </summary>
public static class Phones
{
    public const string DefaultRegion = "IL";
    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    public static bool TryNormalize(string? input, out NormalizedPhone phone)
    {
        phone = null!;
        if (string.IsNullOrWhiteSpace(input) || input.Length > 32)
        {
            return false;
        }
        try
        {
            var parsed = Util.Parse(input, DefaultRegion);
            // "Possible" (the right length for its country), not "valid": the allocation tables lag behind real
            // numbers, and refusing the number a customer gives loses data. 541234567 (no trunk 0) parses too.
            if (Util.IsPossibleNumberWithReason(parsed) != PhoneNumberUtil.ValidationResult.IS_POSSIBLE)
            {
                return false;
            }
            var e164 = Util.Format(parsed, PhoneNumberFormat.E164);
            var isIsraeli = parsed.CountryCode == 972;
            phone = new NormalizedPhone(
                e164,
                isIsraeli ? parsed.NationalNumber.ToString() : e164.TrimStart('+'),
                Util.Format(parsed, isIsraeli ? PhoneNumberFormat.NATIONAL : PhoneNumberFormat.INTERNATIONAL));
            return true;
        }
        catch (NumberParseException)
        {
            return false;
        }
    }

    /// <summary>Digits to look for in <c>phone_digits</c> for whatever a person typed in a search box, or null.</summary>
    public static string? SearchDigits(string query)
    {
        var digits = new string(query.Where(char.IsAsciiDigit).ToArray());
        if (digits.StartsWith("972", StringComparison.Ordinal) && digits.Length >= 11)
        {
            digits = digits[3..];
        }
        // One trunk 0 before an area digit (054… → 54…); zeros inside a typed fragment (…00018) are digits to match.
        if (digits.Length >= 2 && digits[0] == '0' && digits[1] != '0')
        {
            digits = digits[1..];
        }
        return digits.Length >= 3 ? digits : null;
    }

    /// <summary>True when the query reads as (part of) a phone number rather than a name.</summary>
    public static bool LooksLikePhone(string query) =>
        query.Count(char.IsAsciiDigit) >= 3 && query.All(c => char.IsAsciiDigit(c) || c is ' ' or '-' or '+' or '(' or ')' or '.');

    /// <summary>
    /// Display form for a stored E.164 number. Lists format every row they return, so Israeli numbers (nearly all)
    /// take a direct path that gives the same text as libphonenumber's national format without parsing.
    /// </summary>
    public static string? Display(string? e164)
    {
        if (e164 is null)
        {
            return null;
        }
        if (e164.StartsWith("+972", StringComparison.Ordinal) && e164.AsSpan(4).IndexOfAnyExceptInRange('0', '9') < 0)
        {
            var national = e164.AsSpan(4);
            // 05x/07x mobiles and VoIP: 0XX-XXX-XXXX; 02/03/04/08/09 landlines: 0X-XXX-XXXX.
            if (national.Length == 9 && national[0] is '5' or '7')
            {
                return $"0{national[..2]}-{national[2..5]}-{national[5..]}";
            }
            if (national.Length == 8 && national[0] is '2' or '3' or '4' or '8' or '9')
            {
                return $"0{national[..1]}-{national[1..4]}-{national[4..]}";
            }
        }
        return TryNormalize(e164, out var phone) ? phone.Display : e164;
    }
}
