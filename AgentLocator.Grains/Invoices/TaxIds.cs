namespace AgentLocator.Grains.Invoices;

/// <summary>
/// Israeli identity, company and dealer numbers (ת.ז., ח.פ., ע.מ.): nine digits whose check digit makes the weighted
/// sum (weights 1,2,1,2,…; a two-digit product counts as the sum of its digits) a multiple of ten. Shorter numbers are
/// left-padded with zeros, as the Authority writes them.
/// </summary>
public static class TaxIds
{
    /// <summary>The nine-digit form when <paramref name="value"/> is a valid number, else null.</summary>
    public static string? Normalize(string? value)
    {
        var digits = value?.Trim().Replace("-", "").Replace(" ", "");
        if (string.IsNullOrEmpty(digits) || digits.Length > 9 || !digits.All(char.IsAsciiDigit))
        {
            return null;
        }
        digits = digits.PadLeft(9, '0');
        return IsValid(digits) ? digits : null;
    }

    private static bool IsValid(string nineDigits)
    {
        if (nineDigits == "000000000")
        {
            return false;
        }
        var sum = 0;
        for (var i = 0; i < 9; i++)
        {
            var product = (nineDigits[i] - '0') * (i % 2 == 0 ? 1 : 2);
            sum += product > 9 ? product - 9 : product;
        }
        return sum % 10 == 0;
    }
}
