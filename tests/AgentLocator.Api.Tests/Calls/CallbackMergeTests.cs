using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AgentLocator.Api.Tasks;
using AgentLocator.Api.Tests.Infrastructure;
using AgentLocator.Grains.Calls;
using AgentLocator.Grains.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace AgentLocator.Api.Tests.Calls;

/// <summary>
/// Calm follow-ups: a customer who calls again while their callback is open gets that task updated (the count, the
/// latest call), not a twin; once it is done or deleted the next call makes a new one. Over real HTTP, signed webhooks.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class CallbackMergeTests(AgentLocatorApiFactory api)
{
    /// <summary>A call that ends with nothing said: the follow-up is a call back.</summary>
    private async Task<Call> UnansweredCallAsync(TwilioCaller caller)
    {
        await caller.IncomingAsync();
        await caller.StatusAsync("completed", 6);
        return await api.ProcessedAsync(caller);
    }

    private async Task<List<AgentTask>> CustomerTasksAsync(Guid? customerId)
    {
        await using var db = api.CreateDbContext();
        return await db.Tasks.IgnoreQueryFilters().AsNoTracking().Where(t => t.CustomerId == customerId).OrderBy(t => t.CreatedAt).ToListAsync();
    }

    [Fact]
    public async Task A_second_call_while_the_callback_is_open_updates_it_instead_of_adding_a_twin()
    {
        var (_, admin, first) = await api.NewBusinessCallAsync();
        var firstCall = await UnansweredCallAsync(first);
        var lead = Assert.Single(await CustomerTasksAsync(firstCall.CustomerId));
        Assert.Equal(firstCall.Id, lead.Id);
        Assert.DoesNotContain("התקשר שוב", lead.Title);

        using var client = new ApiClient(api);
        var token = (await client.SignInAsync(admin.Email)).AccessToken;
        client.UseToken(token);
        await using var tab = await AlertListener.ConnectAsync(api.ServerAddress, token);
        var second = new TwilioCaller(api, first.From, first.To);
        var secondCall = await UnansweredCallAsync(second);

        Assert.Equal(firstCall.CustomerId, secondCall.CustomerId);
        Assert.Equal(lead.Id, secondCall.FollowUpTaskId);
        var task = Assert.Single(await CustomerTasksAsync(firstCall.CustomerId));
        Assert.EndsWith("התקשר שוב · 2 שיחות", task.Title);
        Assert.Equal((secondCall.Id, lead.DueAt, TaskStatuses.Open), (task.CallId, task.DueAt, task.Status));
        Assert.Equal(2, task.Notes!.Split("שיחה ב-").Length - 1);

        // The agent's tab sees the update live, and the task over the API names the latest call.
        var pushed = await api.EventuallyAsync(() => Task.FromResult(tab.Updated.FirstOrDefault(t => t.Id == task.Id)), _ => true, "task:updated");
        Assert.Equal((task.Title, secondCall.Id), (pushed.Title, pushed.Call?.Id));
        var read = await client.Http.GetFromJsonAsync<TaskResponse>($"/api/tasks/{task.Id}", JsonSerializerOptions.Web);
        Assert.Equal((task.Title, secondCall.Id), (read!.Title, read.Call?.Id));

        // A third call keeps counting.
        var third = await UnansweredCallAsync(new TwilioCaller(api, first.From, first.To));
        Assert.Equal(lead.Id, third.FollowUpTaskId);
        var counted = Assert.Single(await CustomerTasksAsync(firstCall.CustomerId));
        Assert.EndsWith("התקשר שוב · 3 שיחות", counted.Title);
        Assert.Equal(third.Id, counted.CallId);
    }

    [Theory]
    [InlineData("done")]
    [InlineData("deleted")]
    public async Task Once_the_callback_is_done_or_deleted_the_next_call_makes_a_new_one(string how)
    {
        var (_, admin, first) = await api.NewBusinessCallAsync();
        var firstCall = await UnansweredCallAsync(first);
        using var client = await api.SignedInAsync(admin);
        using (var finished = how == "done"
            ? await client.Http.PostAsync($"/api/tasks/{firstCall.FollowUpTaskId}/done", null)
            : await client.Http.DeleteAsync($"/api/tasks/{firstCall.FollowUpTaskId}"))
        {
            Assert.True(finished.IsSuccessStatusCode, $"{how}: {finished.StatusCode}");
        }

        var next = await UnansweredCallAsync(new TwilioCaller(api, first.From, first.To));

        Assert.Equal(next.Id, next.FollowUpTaskId);
        var fresh = (await CustomerTasksAsync(firstCall.CustomerId)).Single(t => t.Id == next.Id);
        Assert.DoesNotContain("התקשר שוב", fresh.Title);
        Assert.Equal(TaskStatuses.Open, fresh.Status);
    }

    [Fact]
    public async Task A_callback_the_agent_edited_is_theirs_and_the_next_call_gets_its_own()
    {
        var (_, admin, first) = await api.NewBusinessCallAsync();
        var firstCall = await UnansweredCallAsync(first);
        using var client = await api.SignedInAsync(admin);
        using (var edited = await client.Http.PatchAsJsonAsync($"/api/tasks/{firstCall.FollowUpTaskId}", new { title = "להתקשר אחרי הפגישה" }))
        {
            Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        }

        var next = await UnansweredCallAsync(new TwilioCaller(api, first.From, first.To));

        Assert.Equal(next.Id, next.FollowUpTaskId);
        var tasks = await CustomerTasksAsync(firstCall.CustomerId);
        Assert.Equal(["להתקשר אחרי הפגישה", $"להתקשר בחזרה ל{await NameAsync(firstCall.CustomerId)}"], tasks.Select(t => t.Title));
    }

    [Fact]
    public async Task Calls_from_one_new_number_at_the_same_time_make_one_lead_and_one_open_callback()
    {
        var (_, _, first) = await api.NewBusinessCallAsync();
        var callers = Enumerable.Range(0, 3).Select(_ => new TwilioCaller(api, first.From, first.To)).ToList();

        await Task.WhenAll(callers.Select(c => c.IncomingAsync()));
        await Task.WhenAll(callers.Select(c => c.StatusAsync("completed", 5)));
        var calls = await Task.WhenAll(callers.Select(c => api.ProcessedAsync(c)));

        var customer = Assert.Single(calls.Select(c => c.CustomerId).Distinct());
        var task = Assert.Single(await CustomerTasksAsync(customer));
        Assert.All(calls, call => Assert.Equal(task.Id, call.FollowUpTaskId));
        Assert.EndsWith("התקשר שוב · 3 שיחות", task.Title);
        Assert.Equal(calls.OrderBy(c => c.StartedAt).ThenBy(c => c.Id).Last().Id, task.CallId);
    }

    [Fact]
    public async Task The_callback_names_every_call_in_the_business_zone_newest_first()
    {
        var now = new DateTimeOffset(2027, 1, 10, 8, 0, 0, TimeSpan.Zero);
        Call Made(int minutes) => new()
        {
            Id = Guid.CreateVersion7(), CallSid = "CA" + minutes, From = "+972501234567", To = "+97235550100",
            StartedAt = now.AddMinutes(minutes), Disposition = CallDisposition.NoMessage,
        };
        var calls = new[] { new FollowUpCall(Made(0), []), new FollowUpCall(Made(30), []) };

        var draft = CallFollowUp.Callback(calls, Guid.NewGuid(), "דנה כהן", Guid.NewGuid(), now, CallbackDue.ZoneOf("Asia/Jerusalem"));

        Assert.Equal("להתקשר בחזרה לדנה כהן · התקשר שוב · 2 שיחות", draft.Title);
        Assert.Equal("שיחה ב-10.01 10:30:\nלא הושארה הודעה.\n\nשיחה ב-10.01 10:00:\nלא הושארה הודעה.", draft.Notes);
        Assert.Equal(calls[1].Call.Id, draft.CallId);
    }

    private async Task<string> NameAsync(Guid? customerId)
    {
        await using var db = api.CreateDbContext();
        return await db.Customers.IgnoreQueryFilters().Where(c => c.Id == customerId).Select(c => c.Name).SingleAsync();
    }
}
