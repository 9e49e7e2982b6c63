using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AgentLocator.Api.Calls;
using AgentLocator.Api.Tests.Infrastructure;
using AgentLocator.Grains.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace AgentLocator.Api.Tests.Calls;

/// <summary>The call settings' "callback due after" and working hours, over real HTTP, and the due time of a real call's task.</summary>
[Collection(ApiCollection.Name)]
public sealed class CallbackTimingApiTests(AgentLocatorApiFactory api)
{
    private const string Path = "/api/admin/call-settings/callback";

    private async Task<AgentTask> FollowUpOfAsync(TwilioCaller caller)
    {
        await caller.IncomingAsync();
        await caller.StatusAsync("completed", 4);
        var call = await api.ProcessedAsync(caller);
        await using var db = api.CreateDbContext();
        return await db.Tasks.IgnoreQueryFilters().AsNoTracking().SingleAsync(t => t.Id == call.FollowUpTaskId);
    }

    [Fact]
    public async Task By_default_a_callback_falls_due_ten_minutes_after_the_call()
    {
        var (_, admin, caller) = await api.NewBusinessCallAsync();
        using var client = await api.SignedInAsync(admin);
        var settings = await client.Http.GetFromJsonAsync<CallSettingsResponse>("/api/admin/call-settings");
        Assert.Equal((10, (WorkingHoursBody?)null, "Asia/Jerusalem"), (settings!.CallbackDelayMinutes, settings.WorkingHours, settings.TimeZone));

        var before = DateTimeOffset.UtcNow;
        var task = await FollowUpOfAsync(caller);

        Assert.InRange(task.DueAt, before.AddMinutes(10).AddSeconds(-1), DateTimeOffset.UtcNow.AddMinutes(10).AddSeconds(1));
    }

    [Fact]
    public async Task A_call_outside_working_hours_falls_due_at_the_next_opening_plus_the_delay()
    {
        var (business, admin, caller) = await api.NewBusinessCallAsync();
        using var client = await api.SignedInAsync(admin);
        // The business works only the day after tomorrow (its own calendar), so now is outside its hours whatever the time.
        var zone = TimeZoneInfo.FindSystemTimeZoneById(business.TimeZone);
        var workday = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, zone).DateTime).AddDays(2);
        using var saved = await client.Http.PutAsJsonAsync(Path, new CallbackTimingRequest(15, new WorkingHoursBody([(int)workday.DayOfWeek], "08:30", "17:00")));
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var settings = await saved.Content.ReadFromJsonAsync<CallSettingsResponse>();
        Assert.Equal((15, "08:30", "17:00"), (settings!.CallbackDelayMinutes, settings.WorkingHours!.Opens, settings.WorkingHours.Closes));
        Assert.Equal([(int)workday.DayOfWeek], settings.WorkingHours.Days);

        var task = await FollowUpOfAsync(caller);

        var opening = workday.ToDateTime(new TimeOnly(8, 45));
        Assert.Equal(new DateTimeOffset(opening, zone.GetUtcOffset(opening)), task.DueAt);
    }

    [Fact]
    public async Task Zero_makes_the_callback_due_at_once_and_saving_the_texts_keeps_the_timing()
    {
        var (_, admin, caller) = await api.NewBusinessCallAsync();
        using var client = await api.SignedInAsync(admin);
        using (var saved = await client.Http.PutAsJsonAsync(Path, new CallbackTimingRequest(0, null)))
        {
            Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        }
        using (var texts = await client.Http.PutAsJsonAsync("/api/admin/call-settings", new CallSettingsRequest("שלום", null, null, null)))
        {
            Assert.Equal(0, (await texts.Content.ReadFromJsonAsync<CallSettingsResponse>())!.CallbackDelayMinutes);
        }

        var before = DateTimeOffset.UtcNow;
        var task = await FollowUpOfAsync(caller);

        Assert.InRange(task.DueAt, before.AddSeconds(-1), DateTimeOffset.UtcNow.AddSeconds(1));
    }

    [Theory]
    [InlineData("""{"callbackDelayMinutes":-1}""", "callbackDelayMinutes")]
    [InlineData("""{"callbackDelayMinutes":1441}""", "callbackDelayMinutes")]
    [InlineData("""{"workingHours":null}""", "callbackDelayMinutes")]
    [InlineData("""{"callbackDelayMinutes":10,"workingHours":{"days":[],"opens":"09:00","closes":"17:00"}}""", "workingHours.days")]
    [InlineData("""{"callbackDelayMinutes":10,"workingHours":{"days":[7],"opens":"09:00","closes":"17:00"}}""", "workingHours.days")]
    [InlineData("""{"callbackDelayMinutes":10,"workingHours":{"days":[0],"opens":"25:00","closes":"17:00"}}""", "workingHours.opens")]
    [InlineData("""{"callbackDelayMinutes":10,"workingHours":{"days":[0],"opens":"09:00"}}""", "workingHours.closes")]
    [InlineData("""{"callbackDelayMinutes":10,"workingHours":{"days":[0],"opens":"17:00","closes":"09:00"}}""", "workingHours.closes")]
    public async Task Bad_timing_is_a_problem_naming_the_field_and_changes_nothing(string body, string field)
    {
        var (_, admin) = await api.CreateBusinessAsync();
        using var client = await api.SignedInAsync(admin);

        using var response = await client.Http.PutAsync(Path, new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out _), $"{field} in {errors}");
        var settings = await client.Http.GetFromJsonAsync<CallSettingsResponse>("/api/admin/call-settings");
        Assert.Equal((10, (WorkingHoursBody?)null), (settings!.CallbackDelayMinutes, settings.WorkingHours));
    }

    [Fact]
    public async Task Only_an_admin_sets_the_timing()
    {
        var (business, _) = await api.CreateBusinessAsync();
        var agent = await api.CreateUserAsync(business.Name);
        using var client = await api.SignedInAsync(agent);

        using var response = await client.Http.PutAsJsonAsync(Path, new CallbackTimingRequest(5, null));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
