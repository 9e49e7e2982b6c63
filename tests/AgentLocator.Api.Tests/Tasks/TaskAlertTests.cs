using System.Net.Http.Json;
using System.Text.Json;
using AgentLocator.Api.Tasks;
using AgentLocator.Api.Tasks.Alerts;
using AgentLocator.Api.Tests.Infrastructure;
using AgentLocator.Grains.Abstractions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AgentLocator.Api.Tests.Tasks;

[Collection(ApiCollection.Name)]
public sealed class TaskAlertTests(AgentLocatorApiFactory api)
{
    private async Task<(ApiClient Agent, AlertListener Tab, Guid CustomerId)> AgentTabAsync()
    {
        var agent = new ApiClient(api);
        var auth = await agent.SignInAsync("agent@demo.local");
        var customer = await agent.CreateCustomerAsync(new { name = "לקוח התראות", phone = CustomerApiExtensions.NextMobile() });
        return (agent, await AlertListener.ConnectAsync(api.ServerAddress, auth.AccessToken), customer.Id);
    }

    private static async Task<TaskResponse> CreateAsync(ApiClient agent, Guid customerId, DateTimeOffset dueAt, string title = "להתקשר")
    {
        var response = await agent.Http.PostAsJsonAsync("/api/tasks", new { customer_id = customerId, title, due_at = dueAt.ToString("o") });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<TaskResponse>(JsonSerializerOptions.Web))!;
    }

    private async Task<List<(DateTimeOffset ReminderAt, DateTimeOffset? DeliveredAt)>> AlertRowsAsync(Guid taskId)
    {
        await using var db = api.CreateDbContext();
        return (await db.TaskAlerts.IgnoreQueryFilters().Where(a => a.TaskId == taskId).ToListAsync())
            .Select(a => (a.ReminderAt, a.DeliveredAt)).ToList();
    }

    private ITaskGrain Grain(Guid taskId) => api.Services.GetRequiredService<IGrainFactory>().GetGrain<ITaskGrain>(taskId);

    [Fact]
    public async Task Fired_and_delivered_alerts_are_counted_for_the_dashboard()
    {
        using var telemetry = new TelemetryRecorder();
        var (firedBefore, deliveredBefore) = (telemetry.Count("agentlocator.alerts.fired"), telemetry.Count("agentlocator.alerts.delivered"));
        var (agent, tab, customerId) = await AgentTabAsync();
        await using var _ = tab;

        var task = await CreateAsync(agent, customerId, DateTimeOffset.UtcNow.AddSeconds(1));
        await tab.WaitForDueAsync(task.Id);
        await TelemetryRecorder.EventuallyAsync(() => telemetry.Count("agentlocator.alerts.delivered"), total => total > deliveredBefore);
        Assert.True(telemetry.Count("agentlocator.alerts.fired") > firedBefore);
        Assert.True(telemetry.Count("agentlocator.alerts.delivered") > deliveredBefore);
    }

    [Fact]
    public async Task A_task_due_in_seconds_rings_every_tab_once_with_the_customer_to_call()
    {
        var (agent, tab, customerId) = await AgentTabAsync();
        await using var secondTab = await AlertListener.ConnectAsync(api.ServerAddress, (await agent.SignInAsync("agent@demo.local")).AccessToken);
        await using var _ = tab;

        var task = await CreateAsync(agent, customerId, DateTimeOffset.UtcNow.AddSeconds(2));
        Assert.Equal(new TaskSchedule(ReminderRegistered: true, TimerArmed: true), await Grain(task.Id).GetSchedule());

        var due = await tab.WaitForDueAsync(task.Id);
        await secondTab.WaitForDueAsync(task.Id);
        Assert.Equal(task.RemindAt, due.ReminderAt);
        Assert.Equal("לקוח התראות", due.Task.Customer!.Name);
        Assert.StartsWith("05", due.Task.Customer.PhoneDisplay);

        // A second sweep and a reconcile after delivery must not ring again.
        await api.Services.GetRequiredService<TaskAlertSweeper>().DeliverDueAsync(CancellationToken.None);
        await Grain(task.Id).Reconcile();
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Equal(1, tab.DueCount(task.Id));
        var alert = Assert.Single(await AlertRowsAsync(task.Id));
        Assert.NotNull(alert.DeliveredAt);
        Assert.Equal(new TaskSchedule(false, false), await Grain(task.Id).GetSchedule());
    }

    [Fact]
    public async Task A_due_time_in_the_past_fires_at_once()
    {
        var (agent, tab, customerId) = await AgentTabAsync();
        await using var _ = tab;

        var task = await CreateAsync(agent, customerId, DateTimeOffset.UtcNow.AddHours(-1));

        await tab.WaitForDueAsync(task.Id, TimeSpan.FromSeconds(30));
        Assert.Single(await AlertRowsAsync(task.Id));
        var ringing = await agent.Http.GetFromJsonAsync<List<TaskResponse>>("/api/tasks/due", JsonSerializerOptions.Web);
        Assert.Contains(task.Id, ringing!.Select(t => t.Id));
    }

    [Fact]
    public async Task Done_disarms_and_the_alert_never_rings()
    {
        var (agent, tab, customerId) = await AgentTabAsync();
        await using var _ = tab;
        var task = await CreateAsync(agent, customerId, DateTimeOffset.UtcNow.AddSeconds(3));

        await agent.Http.PostAsync($"/api/tasks/{task.Id}/done", null);

        Assert.Equal(new TaskSchedule(false, false), await Grain(task.Id).GetSchedule());
        await tab.WaitForUpdateAsync(t => t.Id == task.Id && t.Status == "done");
        await Task.Delay(TimeSpan.FromSeconds(5));
        Assert.Equal(0, tab.DueCount(task.Id));
        Assert.Empty(await AlertRowsAsync(task.Id));
    }

    [Fact]
    public async Task Snooze_re_arms_for_the_new_time_and_tells_every_tab()
    {
        var (agent, tab, customerId) = await AgentTabAsync();
        await using var _ = tab;
        var task = await CreateAsync(agent, customerId, DateTimeOffset.UtcNow.AddMinutes(-1));
        await tab.WaitForDueAsync(task.Id, TimeSpan.FromSeconds(30));

        var snoozed = await agent.Http.PostAsJsonAsync($"/api/tasks/{task.Id}/snooze", new { minutes = 15 });

        snoozed.EnsureSuccessStatusCode();
        await tab.WaitForUpdateAsync(t => t.Id == task.Id && t.RemindAt > DateTimeOffset.UtcNow.AddMinutes(14));
        Assert.Equal(new TaskSchedule(ReminderRegistered: true, TimerArmed: false), await Grain(task.Id).GetSchedule());
        var ringing = await agent.Http.GetFromJsonAsync<List<TaskResponse>>("/api/tasks/due", JsonSerializerOptions.Web);
        Assert.DoesNotContain(task.Id, ringing!.Select(t => t.Id));
    }

    [Fact]
    public async Task A_changed_due_time_re_arms_and_rings_at_the_new_time_once()
    {
        var (agent, tab, customerId) = await AgentTabAsync();
        await using var _ = tab;
        var task = await CreateAsync(agent, customerId, DateTimeOffset.UtcNow.AddDays(1));
        Assert.Equal(new TaskSchedule(ReminderRegistered: true, TimerArmed: false), await Grain(task.Id).GetSchedule());

        await agent.Http.PatchAsJsonAsync($"/api/tasks/{task.Id}", new { due_at = DateTimeOffset.UtcNow.AddSeconds(2).ToString("o") });

        await tab.WaitForDueAsync(task.Id);
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Equal(1, tab.DueCount(task.Id));
    }

    [Fact]
    public async Task The_sweep_delivers_an_alert_whose_reminder_and_timer_were_lost()
    {
        var (agent, tab, customerId) = await AgentTabAsync();
        await using var _ = tab;
        var task = await CreateAsync(agent, customerId, DateTimeOffset.UtcNow.AddDays(1));
        // As if Redis lost the reminder and the silo restarted: only the Postgres row says the task is due.
        await using (var db = api.CreateDbContext())
        {
            await db.Database.ExecuteSqlInterpolatedAsync($"UPDATE tasks SET remind_at = now() - interval '1 minute', due_at = now() - interval '1 minute' WHERE id = {task.Id}");
        }

        var handed = await api.Services.GetRequiredService<TaskAlertSweeper>().DeliverDueAsync(CancellationToken.None);

        Assert.True(handed >= 1);
        await tab.WaitForDueAsync(task.Id, TimeSpan.FromSeconds(30));
        Assert.Single(await AlertRowsAsync(task.Id));
    }

    [Fact]
    public async Task Alerts_go_only_to_the_assignee()
    {
        var (agent, tab, customerId) = await AgentTabAsync();
        await using var _ = tab;
        using var admin = new ApiClient(api);
        var adminAuth = await admin.SignInAsync("admin@demo.local");
        await using var adminTab = await AlertListener.ConnectAsync(api.ServerAddress, adminAuth.AccessToken);

        var task = await CreateAsync(agent, customerId, DateTimeOffset.UtcNow.AddSeconds(-1));

        await tab.WaitForDueAsync(task.Id, TimeSpan.FromSeconds(30));
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Equal(0, adminTab.DueCount(task.Id));
    }
}
