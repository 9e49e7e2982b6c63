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

    /// <summary>Display form for a stored E.164 number.</summary>
    public static string? Display(string? e164) => e164 is not null && TryNormalize(e164, out var phone) ? phone.Display : e164;
}
