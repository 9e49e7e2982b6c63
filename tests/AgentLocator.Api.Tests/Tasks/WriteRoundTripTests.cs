using System.Net.Http.Json;
using System.Text.Json;
using AgentLocator.Api.Customers;
using AgentLocator.Api.Tasks;
using AgentLocator.Api.Tests.Infrastructure;

namespace AgentLocator.Api.Tests.Tasks;

/// <summary>
/// Write once, read once: a task PATCH or a customer edit is one grain call that reads its row (a task with its
/// customer), writes, and hands the result back; the answer and the pushes are built from that, so no statement
/// follows the write.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class WriteRoundTripTests(AgentLocatorApiFactory api)
{
    [Fact]
    public async Task A_task_patch_reads_once_writes_once_and_answers_with_the_customer()
    {
        using var agent = new ApiClient(api);
        await agent.SignInAsync("agent@demo.local");
        var customer = await agent.CreateCustomerAsync(new { name = "ספירת פניות", phone = "050-" + Random.Shared.Next(1000000, 9999999) });
        var created = await agent.Http.PostAsJsonAsync("/api/tasks", new { customer_id = customer.Id, title = "x", due_at = DateTimeOffset.UtcNow.AddDays(1) });
        var task = (await created.Content.ReadFromJsonAsync<TaskResponse>(JsonSerializerOptions.Web))!;

        var (patched, statements) = await PatchCountingAsync<TaskResponse>(agent, $"/api/tasks/{task.Id}",
            new { title = "y", dueAt = DateTimeOffset.UtcNow.AddDays(2).ToString("o") }, task.Id, customer.Id);

        Assert.True(statements.SequenceEqual(["SELECT", "UPDATE"]), string.Join(" | ", statements));
        Assert.Equal("y", patched.Title);
        Assert.Equal((customer.Id, customer.Name, customer.Phone, customer.PhoneDisplay),
            (patched.Customer!.Id, patched.Customer.Name, patched.Customer.Phone, patched.Customer.PhoneDisplay));
    }

    [Fact]
    public async Task A_customer_edit_reads_once_writes_once_and_reads_nothing_after()
    {
        using var admin = new ApiClient(api);
        await admin.SignInAsync("admin@demo.local");
        var customer = await admin.CreateCustomerAsync(new { name = "ספירה" });

        var (edited, statements) = await PatchCountingAsync<CustomerResponse>(admin, $"/api/crm/customers/{customer.Id}", new { city = "עכו" }, customer.Id);

        Assert.True(statements.SequenceEqual(["SELECT", "UPDATE"]), string.Join(" | ", statements));
        Assert.Equal("עכו", edited.City);
    }

    /// <summary>Sends the PATCH and returns its answer with the kinds of statement sent about the given rows meanwhile.</summary>
    private async Task<(T Answer, IReadOnlyList<string> Statements)> PatchCountingAsync<T>(ApiClient client, string url, object body, params Guid[] rowIds)
    {
        using var recording = api.DatabaseCommands.Record(rowIds);
        var response = await client.Http.PatchAsJsonAsync(url, body);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        var answer = (await response.Content.ReadFromJsonAsync<T>(JsonSerializerOptions.Web))!;
        return (answer, recording.Kinds);
    }
}
