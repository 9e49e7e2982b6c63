using AgentLocator.Grains.Calls;

namespace AgentLocator.Api.Tests.Calls;

/// <summary>When a callback falls due: the delay counted in working hours, on the business's wall clock across daylight-saving changes.</summary>
public sealed class CallbackDueTests
{
    private static readonly TimeZoneInfo Israel = CallbackDue.ZoneOf("Asia/Jerusalem");

    /// <summary>Sunday to Thursday, 09:00–18:00: an Israeli office week.</summary>
    private static readonly WorkingHours Office = WorkingHours.From([0, 1, 2, 3, 4], new TimeOnly(9, 0), new TimeOnly(18, 0))!;

    private static DateTimeOffset Utc(int year, int month, int day, int hour, int minute) => new(year, month, day, hour, minute, 0, TimeSpan.Zero);

    [Fact]
    public void Without_working_hours_the_delay_runs_from_the_call() =>
        Assert.Equal(Utc(2027, 1, 9, 23, 10), CallbackDue.DueAt(Utc(2027, 1, 9, 23, 0), 10, null, Israel));

    [Fact]
    public void Within_working_hours_the_delay_runs_from_the_call() =>
        // Monday 10:00 in Jerusalem (UTC+2 in winter).
        Assert.Equal(Utc(2027, 1, 11, 8, 10), CallbackDue.DueAt(Utc(2027, 1, 11, 8, 0), 10, Office, Israel));

    [Fact]
    public void Zero_is_at_once_within_hours_and_the_opening_after_them()
    {
        Assert.Equal(Utc(2027, 1, 11, 8, 0), CallbackDue.DueAt(Utc(2027, 1, 11, 8, 0), 0, Office, Israel));
        // Monday 21:00 → Tuesday 09:00.
        Assert.Equal(Utc(2027, 1, 12, 7, 0), CallbackDue.DueAt(Utc(2027, 1, 11, 19, 0), 0, Office, Israel));
    }

    [Fact]
    public void A_call_after_hours_is_due_at_the_next_opening_plus_the_delay() =>
        // Thursday 20:00 → the weekend is skipped → Sunday 09:10.
        Assert.Equal(Utc(2027, 1, 10, 7, 10), CallbackDue.DueAt(Utc(2027, 1, 7, 18, 0), 10, Office, Israel));

    [Fact]
    public void A_delay_that_runs_past_closing_continues_at_the_next_opening() =>
        // Thursday 17:55: five minutes today, five on Sunday from 09:00.
        Assert.Equal(Utc(2027, 1, 10, 7, 5), CallbackDue.DueAt(Utc(2027, 1, 7, 15, 55), 10, Office, Israel));

    [Fact]
    public void The_opening_keeps_its_wall_clock_time_when_summer_time_starts_over_the_weekend() =>
        // Israel moves to UTC+3 on Friday 26 March 2027: Thursday 20:00 (UTC+2) → Sunday 09:10 (UTC+3) = 06:10 UTC.
        Assert.Equal(Utc(2027, 3, 28, 6, 10), CallbackDue.DueAt(Utc(2027, 3, 25, 18, 0), 10, Office, Israel));

    [Fact]
    public void The_opening_keeps_its_wall_clock_time_when_summer_time_ends() =>
        // Back to UTC+2 on Sunday 31 October 2027 at 02:00: Thursday 20:00 (UTC+3) → Sunday 09:10 (UTC+2) = 07:10 UTC.
        Assert.Equal(Utc(2027, 10, 31, 7, 10), CallbackDue.DueAt(Utc(2027, 10, 28, 17, 0), 10, Office, Israel));

    [Fact]
    public void The_same_hours_in_another_zone_are_another_instant() =>
        // Monday 21:00 UTC is 16:00 in New York (UTC−5): within its hours, so due ten minutes later.
        Assert.Equal(Utc(2027, 1, 11, 21, 10), CallbackDue.DueAt(Utc(2027, 1, 11, 21, 0), 10, Office, CallbackDue.ZoneOf("America/New_York")));

    [Fact]
    public void An_opening_time_skipped_by_the_clock_change_is_read_as_just_after_it()
    {
        // New York jumps from 02:00 to 03:00 on Sunday 14 March 2027; an office opening at 02:30 opens at 03:00 (07:00 UTC).
        var night = WorkingHours.From([0], new TimeOnly(2, 30), new TimeOnly(6, 0))!;
        Assert.Equal(Utc(2027, 3, 14, 7, 0), CallbackDue.DueAt(Utc(2027, 3, 13, 12, 0), 0, night, CallbackDue.ZoneOf("America/New_York")));
    }
}
