using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AgentLocator.Api.Customers;
using AgentLocator.Api.Tasks;
using AgentLocator.Api.Tests.Infrastructure;

namespace AgentLocator.Api.Tests.Tasks;

[Collection(ApiCollection.Name)]
public sealed class TasksApiTests(AgentLocatorApiFactory api)
{
    private static readonly DateTimeOffset Tomorrow = DateTimeOffset.UtcNow.AddDays(1);

    private async Task<(ApiClient Agent, CustomerResponse Customer)> AgentWithCustomerAsync()
    {
        var agent = new ApiClient(api);
        await agent.SignInAsync("agent@demo.local");
        return (agent, await agent.CreateCustomerAsync(new { name = "לקוח משימות" }));
    }

    private static async Task<TaskResponse> ReadTaskAsync(HttpResponseMessage response)
    {
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<TaskResponse>(JsonSerializerOptions.Web))!;
    }

    [Fact]
    public async Task The_seed_contract_creates_a_task_with_201_and_a_location()
    {
        var (agent, customer) = await AgentWithCustomerAsync();
        var due = new DateTimeOffset(2030, 3, 1, 9, 30, 0, TimeSpan.FromHours(2));

        var response = await agent.Http.PostAsJsonAsync("/api/tasks", new { customer_id = customer.Id, title = "להתקשר בחזרה", due_at = "2030-03-01T09:30:00+02:00" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var task = await ReadTaskAsync(response);
        Assert.Equal($"/api/tasks/{task.Id}", response.Headers.Location?.OriginalString);
        Assert.Equal(due, task.DueAt);
        Assert.Equal(due, task.RemindAt);
        Assert.Equal("open", task.Status);
        Assert.Equal(customer.Id, task.Customer!.Id);
        Assert.Equal((await agent.Http.GetFromJsonAsync<JsonElement>("/api/me")).GetProperty("user").GetProperty("id").GetGuid(), task.AssigneeId);
        Assert.Equal(1, (await agent.Http.GetFromJsonAsync<CustomerResponse>($"/api/crm/customers/{customer.Id}", JsonSerializerOptions.Web))!.OpenTasks);
    }

    [Fact]
    public async Task CamelCase_and_a_reminder_lead_are_accepted()
    {
        var (agent, customer) = await AgentWithCustomerAsync();

        var task = await ReadTaskAsync(await agent.Http.PostAsJsonAsync("/api/tasks",
            new { customerId = customer.Id, title = "פגישה", dueAt = Tomorrow.ToString("o"), remindBefore = 15, notes = "להביא חוזה" }));

        Assert.Equal(Tomorrow.AddMinutes(-15).ToUnixTimeMilliseconds(), task.RemindAt.ToUnixTimeMilliseconds());
        Assert.Equal(15, task.RemindBeforeMinutes);
        Assert.Equal("להביא חוזה", task.Notes);
    }

    [Theory]
    [InlineData("2030-03-01T09:30:00", "due_at")]
    [InlineData("next tuesday", "due_at")]
    public async Task A_due_time_without_an_offset_is_400_naming_due_at(string dueAt, string field)
    {
        var (agent, customer) = await AgentWithCustomerAsync();

        var response = await agent.Http.PostAsJsonAsync("/api/tasks", new { customer_id = customer.Id, title = "x", due_at = dueAt });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.ProblemAsync()).GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task Missing_and_wrong_fields_are_all_named()
    {
        using var agent = new ApiClient(api);
        await agent.SignInAsync("agent@demo.local");

        var response = await agent.Http.PostAsJsonAsync("/api/tasks", new { customerId = "nope", remind_before = -5 });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.ProblemAsync()).GetProperty("errors");
        Assert.Equal(["customerId", "due_at", "remind_before", "title"], errors.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Unknown_customer_or_an_assignee_of_another_business_is_404()
    {
        var (agent, customer) = await AgentWithCustomerAsync();
        using var other = new ApiClient(api);
        var otherAdmin = await other.SignInAsync("admin@other.local");
        var foreignCustomer = await other.CreateCustomerAsync(new { name = "זר" });

        var unknownCustomer = await agent.Http.PostAsJsonAsync("/api/tasks", new { customer_id = Guid.NewGuid(), title = "x", due_at = Tomorrow });
        var otherBusinessCustomer = await agent.Http.PostAsJsonAsync("/api/tasks", new { customer_id = foreignCustomer.Id, title = "x", due_at = Tomorrow });
        var foreignAssignee = await agent.Http.PostAsJsonAsync("/api/tasks", new { customer_id = customer.Id, title = "x", due_at = Tomorrow, assignee = otherAdmin.User.Id });

        Assert.All([unknownCustomer, otherBusinessCustomer, foreignAssignee], r => Assert.Equal(HttpStatusCode.NotFound, r.StatusCode));
        Assert.Equal("Assignee not found.", (await foreignAssignee.ProblemAsync()).GetProperty("title").GetString());
    }

    [Fact]
    public async Task Snooze_moves_the_reminder_never_the_due_time()
    {
        var (agent, customer) = await AgentWithCustomerAsync();
        var task = await ReadTaskAsync(await agent.Http.PostAsJsonAsync("/api/tasks", new { customer_id = customer.Id, title = "x", due_at = DateTimeOffset.UtcNow.AddMinutes(-5) }));

        var snoozed = await ReadTaskAsync(await agent.Http.PostAsJsonAsync($"/api/tasks/{task.Id}/snooze", new { minutes = 15 }));

        Assert.Equal(task.DueAt, snoozed.DueAt);
        Assert.InRange(snoozed.RemindAt, DateTimeOffset.UtcNow.AddMinutes(14), DateTimeOffset.UtcNow.AddMinutes(16));
        Assert.Equal(HttpStatusCode.BadRequest, (await agent.Http.PostAsJsonAsync($"/api/tasks/{task.Id}/snooze", new { minutes = 0 })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await agent.Http.PostAsJsonAsync($"/api/tasks/{task.Id}/snooze", new { })).StatusCode);
    }

    [Fact]
    public async Task Done_and_reopen_keep_the_customers_open_task_count()
    {
        var (agent, customer) = await AgentWithCustomerAsync();
        var task = await ReadTaskAsync(await agent.Http.PostAsJsonAsync("/api/tasks", new { customer_id = customer.Id, title = "x", due_at = Tomorrow }));
        async Task<int> OpenTasks() => (await agent.Http.GetFromJsonAsync<CustomerResponse>($"/api/crm/customers/{customer.Id}", JsonSerializerOptions.Web))!.OpenTasks;

        var done = await ReadTaskAsync(await agent.Http.PostAsync($"/api/tasks/{task.Id}/done", null));
        Assert.Equal(("done", 0), (done.Status, await OpenTasks()));
        Assert.NotNull(done.CompletedAt);

        var reopened = await ReadTaskAsync(await agent.Http.PostAsync($"/api/tasks/{task.Id}/reopen", null));
        Assert.Equal(("open", 1), (reopened.Status, await OpenTasks()));

        Assert.Equal(HttpStatusCode.NoContent, (await agent.Http.DeleteAsync($"/api/tasks/{task.Id}")).StatusCode);
        Assert.Equal(0, await OpenTasks());
        Assert.Equal(HttpStatusCode.NotFound, (await agent.Http.GetAsync($"/api/tasks/{task.Id}")).StatusCode);
    }

    [Fact]
    public async Task Patch_edits_and_a_new_due_time_moves_the_reminder()
    {
        var (agent, customer) = await AgentWithCustomerAsync();
        var task = await ReadTaskAsync(await agent.Http.PostAsJsonAsync("/api/tasks", new { customer_id = customer.Id, title = "x", due_at = Tomorrow, remind_before = 10 }));
        var later = Tomorrow.AddHours(3);

        var patched = await ReadTaskAsync(await agent.Http.PatchAsJsonAsync($"/api/tasks/{task.Id}", new { title = "y", due_at = later.ToString("o") }));

        Assert.Equal("y", patched.Title);
        Assert.Equal(later.AddMinutes(-10).ToUnixTimeMilliseconds(), patched.RemindAt.ToUnixTimeMilliseconds());
        var bad = await agent.Http.PatchAsJsonAsync($"/api/tasks/{task.Id}", new { due_at = (string?)null, title = "" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    [Fact]
    public async Task Lists_are_mine_and_open_by_default_with_filters_and_paging()
    {
        var (agent, customer) = await AgentWithCustomerAsync();
        using var admin = new ApiClient(api);
        await admin.SignInAsync("admin@demo.local");
        var mine = await ReadTaskAsync(await agent.Http.PostAsJsonAsync("/api/tasks", new { customer_id = customer.Id, title = "שלי", due_at = Tomorrow }));
        var late = await ReadTaskAsync(await agent.Http.PostAsJsonAsync("/api/tasks", new { customer_id = customer.Id, title = "מאוחר", due_at = Tomorrow.AddDays(30) }));
        var admins = await ReadTaskAsync(await admin.Http.PostAsJsonAsync("/api/tasks", new { customer_id = customer.Id, title = "של המנהלת", due_at = Tomorrow }));

        var byCustomer = await agent.Http.GetFromJsonAsync<PagedResponse<TaskResponse>>($"/api/tasks?customer_id={customer.Id}", JsonSerializerOptions.Web);
        var everyone = await agent.Http.GetFromJsonAsync<PagedResponse<TaskResponse>>($"/api/tasks?assignee=all&customer_id={customer.Id}", JsonSerializerOptions.Web);
        var soon = await agent.Http.GetFromJsonAsync<PagedResponse<TaskResponse>>(
            $"/api/tasks?customer_id={customer.Id}&due_before={Uri.EscapeDataString(Tomorrow.AddDays(2).ToString("o"))}", JsonSerializerOptions.Web);
        var paged = await agent.Http.GetFromJsonAsync<PagedResponse<TaskResponse>>($"/api/tasks?customer_id={customer.Id}&limit=1&page=2", JsonSerializerOptions.Web);

        Assert.Equal([mine.Id, late.Id], byCustomer!.Items.Select(t => t.Id));
        Assert.Equal(3, everyone!.Page.Total);
        Assert.Contains(admins.Id, everyone.Items.Select(t => t.Id));
        Assert.Equal([mine.Id], soon!.Items.Select(t => t.Id));
        Assert.Equal([late.Id], paged!.Items.Select(t => t.Id));
        Assert.Equal(HttpStatusCode.BadRequest, (await agent.Http.GetAsync("/api/tasks?status=maybe")).StatusCode);
    }

    [Fact]
    public async Task Another_business_task_is_404_on_every_task_route()
    {
        var (agent, customer) = await AgentWithCustomerAsync();
        var task = await ReadTaskAsync(await agent.Http.PostAsJsonAsync("/api/tasks", new { customer_id = customer.Id, title = "פרטי", due_at = Tomorrow }));
        using var other = new ApiClient(api);
        await other.SignInAsync("admin@other.local");

        var responses = new[]
        {
            await other.Http.GetAsync($"/api/tasks/{task.Id}"),
            await other.Http.PatchAsJsonAsync($"/api/tasks/{task.Id}", new { title = "נגנב" }),
            await other.Http.PostAsJsonAsync($"/api/tasks/{task.Id}/snooze", new { minutes = 5 }),
            await other.Http.PostAsync($"/api/tasks/{task.Id}/done", null),
            await other.Http.PostAsync($"/api/tasks/{task.Id}/reopen", null),
            await other.Http.DeleteAsync($"/api/tasks/{task.Id}"),
        };

        Assert.All(responses, r => Assert.True(r.StatusCode == HttpStatusCode.NotFound, $"{r.RequestMessage!.Method} {r.RequestMessage.RequestUri}: {r.StatusCode}"));
        Assert.DoesNotContain(task.Id, (await other.Http.GetFromJsonAsync<PagedResponse<TaskResponse>>("/api/tasks?assignee=all&status=all", JsonSerializerOptions.Web))!.Items.Select(t => t.Id));
        Assert.Equal("פרטי", (await agent.Http.GetFromJsonAsync<TaskResponse>($"/api/tasks/{task.Id}", JsonSerializerOptions.Web))!.Title);
    }
}
