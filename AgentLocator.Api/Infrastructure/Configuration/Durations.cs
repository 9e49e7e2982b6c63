using System.Globalization;

namespace AgentLocator.Api.Infrastructure.Configuration;

/// <summary>
/// How a duration setting is written: seconds as a plain number (<c>4</c>, <c>0.5</c>), a number with a unit
/// (<c>500ms</c>, <c>4s</c>, <c>2m</c>, <c>1h</c>, <c>7d</c>), or .NET's <c>00:00:04</c>. .NET's own binding reads a plain
/// <c>4</c> as four days, which is never what an operator who read "4 s" meant, so durations are read here instead.
/// </summary>
public static class Durations
{
    /// <summary>The accepted forms, for messages.</summary>
    public const string Forms = "\"4s\", \"500ms\", \"2m\", \"1h\", \"1d\", seconds as a plain number, or \"00:00:04\"";

    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = default;
        var trimmed = text?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            return false;
        }
        if (trimmed.Contains(':'))
        {
            return TimeSpan.TryParseExact(trimmed, "c", CultureInfo.InvariantCulture, out duration);
        }
        var unitStart = trimmed.Length;
        while (unitStart > 0 && char.IsAsciiLetter(trimmed[unitStart - 1]))
        {
            unitStart--;
        }
        double? unitMilliseconds = trimmed[unitStart..].ToLowerInvariant() switch
        {
            "" or "s" => 1_000,
            "ms" => 1,
            "m" or "min" => 60_000,
            "h" => 3_600_000,
            "d" => 86_400_000,
            _ => null,
        };
        // No sign, no exponent, no thousands separators: "-4", "1e3" and "1,5" are refused, not guessed at.
        if (unitMilliseconds is not { } scale
            || !double.TryParse(trimmed[..unitStart].TrimEnd(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount))
        {
            return false;
        }
        var milliseconds = amount * scale;
        if (milliseconds > TimeSpan.MaxValue.TotalMilliseconds)
        {
            return false;
        }
        duration = TimeSpan.FromMilliseconds(milliseconds);
        return true;
    }

    /// <summary>A duration in the unit it reads best in: "500 ms", "4 s", "1.5 s", "2 min", "12 h", "30 d".</summary>
    public static string Describe(TimeSpan duration)
    {
        var invariant = CultureInfo.InvariantCulture;
        if (duration < TimeSpan.FromSeconds(1))
        {
            return string.Create(invariant, $"{duration.TotalMilliseconds:0.###} ms");
        }
        if (duration.Ticks % TimeSpan.TicksPerDay == 0)
        {
            return string.Create(invariant, $"{duration.TotalDays:0} d");
        }
        if (duration.Ticks % TimeSpan.TicksPerHour == 0)
        {
            return string.Create(invariant, $"{duration.TotalHours:0} h");
        }
        if (duration.Ticks % TimeSpan.TicksPerMinute == 0)
        {
            return string.Create(invariant, $"{duration.TotalMinutes:0} min");
        }
        return string.Create(invariant, $"{duration.TotalSeconds:0.###} s");
    }
}
