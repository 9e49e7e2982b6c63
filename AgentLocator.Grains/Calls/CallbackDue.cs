namespace AgentLocator.Grains.Calls;

/// <summary>A business's working week: the days it works and one opening time for all of them, in its own zone.</summary>
public sealed record WorkingHours(IReadOnlySet<DayOfWeek> Days, TimeOnly Opens, TimeOnly Closes)
{
    /// <summary>The stored form (day numbers 0 = Sunday, the two times); null when the business set no working hours.</summary>
    public static WorkingHours? From(IEnumerable<int>? days, TimeOnly? opens, TimeOnly? closes) =>
        days is null || opens is not { } open || closes is not { } close ? null
        : new WorkingHours(days.Select(day => (DayOfWeek)day).ToHashSet(), open, close);
}

/// <summary>
/// When a call's follow-up falls due: after the business's delay, counted in its working time. A call after hours
/// counts from the next opening; a delay that runs past closing continues at the next opening. Times of day are the
/// business's wall clock, so a daylight-saving change moves the instant, never the local opening time.
/// </summary>
public static class CallbackDue
{
    public static DateTimeOffset DueAt(DateTimeOffset callEnded, int delayMinutes, WorkingHours? hours, TimeZoneInfo zone)
    {
        var delay = TimeSpan.FromMinutes(Math.Max(0, delayMinutes));
        if (hours is null || hours.Days.Count == 0 || hours.Opens >= hours.Closes)
        {
            return callEnded + delay;
        }
        var left = delay;
        var date = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(callEnded, zone).DateTime);
        // Every working week gives at least a minute, so this ends; the bound only guards against a bug looping forever.
        for (var day = 0; day < 7 * (delayMinutes + 2); day++, date = date.AddDays(1))
        {
            if (!hours.Days.Contains(date.DayOfWeek))
            {
                continue;
            }
            var opens = Instant(date, hours.Opens, zone);
            var closes = Instant(date, hours.Closes, zone);
            var from = callEnded > opens ? callEnded : opens;
            if (from >= closes)
            {
                continue;
            }
            if (from + left <= closes)
            {
                return from + left;
            }
            left -= closes - from;
        }
        return callEnded + delay;
    }

    /// <summary>A wall-clock time of a date in the zone; a time skipped by a daylight-saving jump is read as just after it.</summary>
    internal static DateTimeOffset Instant(DateOnly date, TimeOnly time, TimeZoneInfo zone)
    {
        var local = date.ToDateTime(time, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(30);
        }
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }

    public static TimeZoneInfo ZoneOf(string? zoneId) =>
        zoneId is not null && TimeZoneInfo.TryFindSystemTimeZoneById(zoneId, out var zone) ? zone
        : TimeZoneInfo.FindSystemTimeZoneById(Data.Entities.Business.DefaultTimeZone);
}
