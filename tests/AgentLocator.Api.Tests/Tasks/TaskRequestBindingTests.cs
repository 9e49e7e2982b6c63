using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AgentLocator.Api.Tasks;
using AgentLocator.Api.Tests.Infrastructure;

namespace AgentLocator.Api.Tests.Tasks;

/// <summary>The typed task bodies: every spelling the wire has accepted, and a PATCH telling "absent" from "null".</summary>
[Collection(ApiCollection.Name)]
public sealed class TaskRequestBindingTests(AgentLocatorApiFactory api)
{
    private static readonly DateTimeOffset Tomorrow = DateTimeOffset.UtcNow.AddDays(1);

    [Fact]
    public async Task In_a_patch_an_absent_field_stays_and_null_clears()
    {
        using var agent = new ApiClient(api);
        var me = await agent.SignInAsync("agent@demo.local");
        var customer = await agent.CreateCustomerAsync(new { name = "גוף מוקלד" });
        var task = await ReadAsync(await agent.Http.PostAsJsonAsync("/api/tasks",
            new { customerId = customer.Id, title = "x", dueAt = Tomorrow, remindBefore = 30, notes = "הערה", assignee_id = me.User.Id }));
        Assert.Equal((30, "הערה", me.User.Id), (task.RemindBeforeMinutes, task.Notes, task.AssigneeId));

        var untouched = await ReadAsync(await agent.Http.PatchAsJsonAsync($"/api/tasks/{task.Id}", new { title = "y" }));
        Assert.Equal(("y", 30, "הערה"), (untouched.Title, untouched.RemindBeforeMinutes, untouched.Notes));

        var cleared = await ReadAsync(await agent.Http.PatchAsJsonAsync($"/api/tasks/{task.Id}", new { notes = (string?)null, remind_before = (int?)null }));
        Assert.Equal(("y", null, null), (cleared.Title, cleared.RemindBeforeMinutes, cleared.Notes));
        Assert.Equal(cleared.DueAt, cleared.RemindAt);
    }

    [Theory]
    [InlineData("""{"dueAt":"2030-03-01T09:30:00"}""", "dueAt", "dueAt must be an ISO 8601 date-time with an offset, e.g. 2026-12-01T09:30:00+02:00.")]
    [InlineData("""{"due_at":null}""", "due_at", "due_at is required.")]
    [InlineData("""{"remindBefore":"soon"}""", "remindBefore", "remindBefore must be a whole number of minutes.")]
    [InlineData("""{"remind_before":-1}""", "remind_before", "remind_before must be between 0 and 10080 minutes.")]
    [InlineData("""{"remindBefore":99999}""", "remindBefore", "remind_before must be between 0 and 10080 minutes.")]
    [InlineData("""{"title":7}""", "title", "title must be a string.")]
    [InlineData("""{"title":" "}""", "title", "Title is required.")]
    [InlineData("""{"assigneeId":"me"}""", "assigneeId", "assigneeId must be an id.")]
    public async Task A_bad_patch_field_is_named_as_the_caller_spelled_it(string body, string field, string message)
    {
        using var agent = new ApiClient(api);
        await agent.SignInAsync("agent@demo.local");
        var customer = await agent.CreateCustomerAsync(new { name = "שגיאות" });
        var task = await ReadAsync(await agent.Http.PostAsJsonAsync("/api/tasks", new { customer_id = customer.Id, title = "x", due_at = Tomorrow }));

        var response = await agent.Http.PatchAsync($"/api/tasks/{task.Id}", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await response.ProblemAsync()).GetProperty("errors");
        Assert.Equal([field], errors.EnumerateObject().Select(p => p.Name));
        Assert.Equal(message, errors.GetProperty(field)[0].GetString());
    }

    private static async Task<TaskResponse> ReadAsync(HttpResponseMessage response)
    {
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<TaskResponse>(JsonSerializerOptions.Web))!;
    }
}
