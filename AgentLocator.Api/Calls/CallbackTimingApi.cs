using System.Globalization;
using AgentLocator.Api.Infrastructure.Auth;
using AgentLocator.Api.Integrations.Twilio;
using AgentLocator.Grains.Abstractions;
using AgentLocator.Grains.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace AgentLocator.Api.Calls;

/// <summary>
/// When a call's follow-up falls due: a delay after the call (so the alert does not cover the agent's screen the
/// moment a call ends), counted in the business's working hours. Its own PUT, so saving the texts never resets it.
/// </summary>
public static class CallbackTimingApi
{
    /// <summary>A working day at most: a longer delay is a task for tomorrow, which an agent sets by hand.</summary>
    public const int MaxDelayMinutes = 24 * 60;

    internal static RouteGroupBuilder MapCallbackTiming(this RouteGroupBuilder settings)
    {
        settings.MapPut("/callback", SetAsync)
            .WithSummary($"Set when a call's follow-up falls due: `callbackDelayMinutes` (0–{MaxDelayMinutes}; 0 = at once) counted in `workingHours` (null = every day, all day).");
        return settings;
    }

    public static async Task<Results<Ok<CallSettingsResponse>, ValidationProblem>> SetAsync(CallbackTimingRequest request,
        HttpContext context, AgentLocatorDbContext db, IGrainFactory grains, IOptions<TwilioOptions> twilio, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.CallbackDelayMinutes is not { } delay || delay is < 0 or > MaxDelayMinutes)
        {
            errors["callbackDelayMinutes"] = [$"callbackDelayMinutes must be a whole number of minutes from 0 to {MaxDelayMinutes}."];
        }
        var hours = request.WorkingHours;
        TimeOnly opens = default, closes = default;
        if (hours is not null)
        {
            if (hours.Days is not { Count: > 0 } days || days.Any(day => day is < 0 or > 6))
            {
                errors["workingHours.days"] = ["workingHours.days must list at least one day, 0 (Sunday) to 6 (Saturday)."];
            }
            var opensRead = TryTime(hours.Opens, out opens);
            var closesRead = TryTime(hours.Closes, out closes);
            if (!opensRead)
            {
                errors["workingHours.opens"] = ["workingHours.opens must be a time of day as HH:mm."];
            }
            if (!closesRead)
            {
                errors["workingHours.closes"] = ["workingHours.closes must be a time of day as HH:mm."];
            }
            else if (opensRead && closes <= opens)
            {
                errors["workingHours.closes"] = ["workingHours.closes must be later than workingHours.opens."];
            }
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var business = context.User.GetBusinessId();
        await grains.GetGrain<IBusinessGrain>(business).SetCallbackTiming(new CallbackTimingChange(
            request.CallbackDelayMinutes!.Value, hours?.Days, hours is null ? null : opens, hours is null ? null : closes));
        return TypedResults.Ok(await CallSettingsApi.ReadAsync(db, business, twilio.Value, cancellationToken));
    }

    private static bool TryTime(string? text, out TimeOnly time) =>
        TimeOnly.TryParseExact(text?.Trim(), ["HH:mm", "H:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out time);

    /// <summary>The stored form as the API shows it, or null when the business set no working hours.</summary>
    internal static WorkingHoursBody? Show(IReadOnlyList<int>? days, TimeOnly? opens, TimeOnly? closes) =>
        days is null || opens is not { } open || closes is not { } close ? null
        : new WorkingHoursBody(days, open.ToString("HH:mm", CultureInfo.InvariantCulture), close.ToString("HH:mm", CultureInfo.InvariantCulture));
}
