using System.Net.Http.Json;
using System.Text.Json;
using AgentLocator.Api.Customers;
using AgentLocator.Api.Tasks;
using AgentLocator.Api.Tests.Infrastructure;
using AgentLocator.Grains.Data;
using AgentLocator.Grains.Features;

namespace AgentLocator.Api.Tests.Tasks;

/// <summary>
/// Tasks are every user's, but a task's customer (name, phone) is CRM data: a user without <c>crm</c> gets the task
/// with its customer fields null on every task route and in the live alert, while a CRM user sees them.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class TaskVisibilityTests(AgentLocatorApiFactory api)
{
    private static async Task<TaskResponse> ReadTaskAsync(HttpResponseMessage response)
    {
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<TaskResponse>(JsonSerializerOptions.Web))!;
    }

    private static void AssertNoCustomer(TaskResponse task)
    {
        Assert.Null(task.CustomerId);
        Assert.Null(task.Customer);
    }

    [Fact]
    public async Task A_user_without_crm_never_sees_a_tasks_customer()
    {
        using var crmAgent = new ApiClient(api);
        await crmAgent.SignInAsync("agent@demo.local");
        var customer = await crmAgent.CreateCustomerAsync(new { name = "לקוחה חסויה", phone = CustomerApiExtensions.NextMobile() });
        var callsOnly = await api.CreateUserAsync(DevelopmentSeed.DemoBusinessName, featureLimits: [Feature.Calls]);
        using var limited = new ApiClient(api);
        var session = await limited.SignInAsync(callsOnly.Email);
        await using var alerts = await AlertListener.ConnectAsync(api.ServerAddress, session.AccessToken);

        var created = await ReadTaskAsync(await crmAgent.Http.PostAsJsonAsync("/api/tasks", new
        {
            customer_id = customer.Id, title = "לחזור ללקוחה", assignee = callsOnly.Id, due_at = DateTimeOffset.UtcNow.AddSeconds(1).ToString("o"),
        }));

        // The CRM user who created it sees the customer: the same task, so the hiding below is the feature's doing.
        Assert.Equal(customer.Name, created.Customer!.Name);
        Assert.Equal(customer.Name, (await ReadTaskAsync(await crmAgent.Http.GetAsync($"/api/tasks/{created.Id}"))).Customer!.Name);

        var due = await alerts.WaitForDueAsync(created.Id);
        AssertNoCustomer(due.Task);
        AssertNoCustomer(await ReadTaskAsync(await limited.Http.GetAsync($"/api/tasks/{created.Id}")));
        var list = await limited.Http.GetFromJsonAsync<JsonElement>("/api/tasks?assignee=me");
        var listed = list.GetProperty("items").EnumerateArray().Single(t => t.GetProperty("id").GetGuid() == created.Id);
        Assert.Equal(JsonValueKind.Null, listed.GetProperty("customer").ValueKind);
        Assert.Equal(JsonValueKind.Null, listed.GetProperty("customerId").ValueKind);
        var ringing = await limited.Http.GetFromJsonAsync<List<TaskResponse>>("/api/tasks/due", JsonSerializerOptions.Web);
        AssertNoCustomer(ringing!.Single(t => t.Id == created.Id));
        AssertNoCustomer(await ReadTaskAsync(await limited.Http.PatchAsJsonAsync($"/api/tasks/{created.Id}", new { title = "עודכן" })));
        AssertNoCustomer(await ReadTaskAsync(await limited.Http.PostAsJsonAsync($"/api/tasks/{created.Id}/snooze", new { minutes = 5 })));
        AssertNoCustomer(await ReadTaskAsync(await limited.Http.PostAsync($"/api/tasks/{created.Id}/done", null)));
        var everything = await limited.Http.GetStringAsync("/api/tasks?assignee=all&status=all&limit=100");
        Assert.DoesNotContain(customer.Name, everything);
        Assert.DoesNotContain(customer.Phone!, everything);
    }
}
