using System.Net.Http.Json;
using System.Text.Json;
using AgentLocator.Api.Tasks;
using AgentLocator.Api.Tests.Infrastructure;

namespace AgentLocator.Api.Tests.Tasks;

/// <summary>
/// Write once, read once: a task change is one grain call that reads the task with its customer, writes, and hands
/// both back; the answer and the push are built from that, with no statement after the write.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class TaskWriteRoundTripTests(AgentLocatorApiFactory api)
{
    [Fact]
    public async Task A_patch_reads_once_writes_once_and_answers_with_the_customer()
    {
        using var agent = new ApiClient(api);
        await agent.SignInAsync("agent@demo.local");
        var customer = await agent.CreateCustomerAsync(new { name = "ספירת פניות", phone = "050-" + Random.Shared.Next(1000000, 9999999) });
        var created = await agent.Http.PostAsJsonAsync("/api/tasks", new { customer_id = customer.Id, title = "x", due_at = DateTimeOffset.UtcNow.AddDays(1) });
        var task = (await created.Content.ReadFromJsonAsync<TaskResponse>(JsonSerializerOptions.Web))!;

        TaskResponse patched;
        IReadOnlyList<string> statements;
        using (var recording = api.DatabaseCommands.Record(task.Id, customer.Id))
        {
            var response = await agent.Http.PatchAsJsonAsync($"/api/tasks/{task.Id}", new { title = "y", dueAt = DateTimeOffset.UtcNow.AddDays(2).ToString("o") });
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
            patched = (await response.Content.ReadFromJsonAsync<TaskResponse>(JsonSerializerOptions.Web))!;
            statements = recording.Kinds;
        }

        Assert.True(statements.SequenceEqual(["SELECT", "UPDATE"]), string.Join(" | ", statements));
        Assert.Equal("y", patched.Title);
        Assert.Equal((customer.Id, customer.Name, customer.Phone, customer.PhoneDisplay),
            (patched.Customer!.Id, patched.Customer.Name, patched.Customer.Phone, patched.Customer.PhoneDisplay));
    }
}
