using System.Net.Http.Json;
using System.Text.Json;
using AgentLocator.Api.Account;
using AgentLocator.Api.Customers;
using AgentLocator.Api.Tasks;
using AgentLocator.Api.Tests.Infrastructure;
using AgentLocator.Grains.Data;
using Microsoft.EntityFrameworkCore;
using StackExchange.Redis;

namespace AgentLocator.Api.Tests.Tasks;

/// <summary>
/// Restarts, crashes and a second silo, with real API processes against real Postgres and Redis. Each test has
/// its own database, cluster and Redis database index, so flushing Redis here touches no other test.
/// </summary>
public sealed class AlertDurabilityTests : IAsyncLifetime
{
    private static int nextRedisDatabase = 3;
    private readonly string clusterId = "durability-" + Guid.NewGuid().ToString("N")[..8];
    private readonly int redisDatabase = Interlocked.Increment(ref nextRedisDatabase);
    private string database = "";

    private string Redis => $"{TestServices.Redis},defaultDatabase={redisDatabase}";

    public async Task InitializeAsync() => database = await TestServices.CreateDatabaseAsync();

    public async Task DisposeAsync()
    {
        await FlushRedisAsync();
        await TestServices.DropDatabaseAsync(database);
    }

    private Task<RunningApi> StartSiloAsync() => RunningApi.StartAsync(database, clusterId, Redis);

    private static async Task<(HttpClient Http, AuthResponse Auth)> SignInAsync(RunningApi silo)
    {
        var http = new HttpClient { BaseAddress = silo.Address };
        var response = await http.PostAsJsonAsync("/api/auth/login", new { email = "agent@demo.local", password = DevelopmentSeed.DemoPassword });
        var auth = (await response.Content.ReadFromJsonAsync<AuthResponse>(JsonSerializerOptions.Web))!;
        http.DefaultRequestHeaders.Authorization = new("Bearer", auth.AccessToken);
        return (http, auth);
    }

    private static async Task<Guid> CreateTaskAsync(HttpClient http, Guid customerId, DateTimeOffset dueAt)
    {
        var response = await http.PostAsJsonAsync("/api/tasks", new { customer_id = customerId, title = "לא לשכוח", due_at = dueAt.ToString("o") });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<TaskResponse>(JsonSerializerOptions.Web))!.Id;
    }

    private static async Task<Guid> CreateCustomerAsync(HttpClient http)
    {
        var response = await http.PostAsJsonAsync("/api/crm/customers", new { name = "לקוח עמידות" });
        return (await response.Content.ReadFromJsonAsync<CustomerResponse>(JsonSerializerOptions.Web))!.Id;
    }

    private AgentLocatorDbContext Database() => new(
        new DbContextOptionsBuilder<AgentLocatorDbContext>().UseNpgsql(TestServices.ConnectionStringFor(database)).UseSnakeCaseNamingConvention().Options,
        new AgentLocator.Grains.Tenancy.FixedTenantContext(null));

    private async Task<Dictionary<Guid, int>> DeliveredAlertsAsync(params Guid[] taskIds)
    {
        await using var db = Database();
        var rows = await db.TaskAlerts.IgnoreQueryFilters().Where(a => taskIds.Contains(a.TaskId) && a.DeliveredAt != null).ToListAsync();
        return taskIds.ToDictionary(id => id, id => rows.Count(a => a.TaskId == id));
    }

    private async Task<DateTimeOffset> DeliveredAtAsync(Guid taskId)
    {
        await using var db = Database();
        return await db.TaskAlerts.IgnoreQueryFilters().Where(a => a.TaskId == taskId && a.DeliveredAt != null)
            .Select(a => a.DeliveredAt!.Value).MinAsync();
    }

    /// <summary>Polls Postgres until the task's alert is recorded as delivered (the restarted silo sends it at start-up).</summary>
    private async Task WaitUntilDeliveredAsync(Guid taskId)
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        while ((await DeliveredAlertsAsync(taskId))[taskId] == 0)
        {
            await Task.Delay(250, limit.Token);
        }
    }

    /// <summary>What a tab that connects after the restart fetches to show the alerts it missed.</summary>
    private static async Task<List<Guid>> RingingAsync(HttpClient http) =>
        (await http.GetFromJsonAsync<List<TaskResponse>>("/api/tasks/due", JsonSerializerOptions.Web))!.Select(t => t.Id).ToList();

    private async Task FlushRedisAsync()
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync(TestServices.Redis + ",allowAdmin=true");
        await redis.GetServers()[0].FlushDatabaseAsync(redisDatabase);
    }

    [Fact]
    public async Task A_silo_killed_before_the_due_time_loses_no_alert_and_repeats_none()
    {
        Guid delivered, dueWhileDown, dueAfterRestart;
        await using (var first = await StartSiloAsync())
        {
            var (http, auth) = await SignInAsync(first);
            await using var tab = await AlertListener.ConnectAsync(first.Address, auth.AccessToken);
            var customerId = await CreateCustomerAsync(http);
            delivered = await CreateTaskAsync(http, customerId, DateTimeOffset.UtcNow.AddSeconds(-5));
            dueWhileDown = await CreateTaskAsync(http, customerId, DateTimeOffset.UtcNow.AddSeconds(6));
            dueAfterRestart = await CreateTaskAsync(http, customerId, DateTimeOffset.UtcNow.AddSeconds(40));
            await tab.WaitForDueAsync(delivered);

            await first.CrashAsync();
        }
        await Task.Delay(TimeSpan.FromSeconds(8));

        await using var second = await StartSiloAsync();
        var (secondHttp, secondAuth) = await SignInAsync(second);
        await using var secondTab = await AlertListener.ConnectAsync(second.Address, secondAuth.AccessToken);
        var tabBackAt = DateTimeOffset.UtcNow;
        // Missed while no silo ran: sent by the start-up sweep (before this tab could connect), and listed for catch-up.
        await WaitUntilDeliveredAsync(dueWhileDown);
        Assert.Contains(dueWhileDown, await RingingAsync(secondHttp));
        // Still ahead at the restart: the re-armed schedule rings the connected tab live. On a loaded machine the
        // restart can outlast the task's lead; then it rang before any tab was back and is listed for catch-up.
        await WaitUntilDeliveredAsync(dueAfterRestart);
        if (await DeliveredAtAsync(dueAfterRestart) < tabBackAt)
        {
            Assert.Contains(dueAfterRestart, await RingingAsync(secondHttp));
        }
        else
        {
            try
            {
                await secondTab.WaitForDueAsync(dueAfterRestart, TimeSpan.FromSeconds(30));
            }
            catch (TimeoutException error)
            {
                throw new TimeoutException(error.Message + "\nRestarted silo's log:\n" + second.Output, error);
            }
        }

        Assert.Equal(0, secondTab.DueCount(delivered));
        Assert.Equal(new Dictionary<Guid, int> { [delivered] = 1, [dueWhileDown] = 1, [dueAfterRestart] = 1 },
            await DeliveredAlertsAsync(delivered, dueWhileDown, dueAfterRestart));
    }

    [Fact]
    public async Task A_graceful_restart_with_redis_wiped_meanwhile_still_delivers_every_alert_once()
    {
        Guid dueWhileDown, dueLater;
        await using (var first = await StartSiloAsync())
        {
            var (http, _) = await SignInAsync(first);
            var customerId = await CreateCustomerAsync(http);
            dueWhileDown = await CreateTaskAsync(http, customerId, DateTimeOffset.UtcNow.AddSeconds(5));
            dueLater = await CreateTaskAsync(http, customerId, DateTimeOffset.UtcNow.AddSeconds(30));
            await first.StopAsync();
        }
        // Reminders and membership are gone: only Postgres remembers the tasks.
        await FlushRedisAsync();
        await Task.Delay(TimeSpan.FromSeconds(6));

        await using var second = await StartSiloAsync();
        var (secondHttp, auth) = await SignInAsync(second);
        await using var tab = await AlertListener.ConnectAsync(second.Address, auth.AccessToken);
        var tabBackAt = DateTimeOffset.UtcNow;

        await WaitUntilDeliveredAsync(dueWhileDown);
        Assert.Contains(dueWhileDown, await RingingAsync(secondHttp));
        // Still ahead at the restart: re-armed from Postgres (Redis lost its reminder), it rings the connected tab live. On a
        // loaded machine the stop, the wait and the start can outlast its 30 s lead; then the start-up sweep sent it before
        // this tab was back, and the tab finds it in the catch-up list instead (it may also have caught the send itself).
        await WaitUntilDeliveredAsync(dueLater);
        var rangBeforeTabWasBack = await DeliveredAtAsync(dueLater) < tabBackAt;
        if (rangBeforeTabWasBack)
        {
            Assert.Contains(dueLater, await RingingAsync(secondHttp));
        }
        else
        {
            await tab.WaitForDueAsync(dueLater, TimeSpan.FromSeconds(90));
        }
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Equal(new Dictionary<Guid, int> { [dueWhileDown] = 1, [dueLater] = 1 }, await DeliveredAlertsAsync(dueWhileDown, dueLater));
        if (rangBeforeTabWasBack)
        {
            Assert.InRange(tab.DueCount(dueLater), 0, 1);
        }
        else
        {
            Assert.Equal(1, tab.DueCount(dueLater));
        }
    }

    [Fact]
    public async Task With_two_silos_an_agent_connected_to_either_gets_every_alert()
    {
        await using var first = await StartSiloAsync();
        await using var second = await StartSiloAsync();
        var (http, _) = await SignInAsync(first);
        var (_, auth) = await SignInAsync(second);
        await using var tabOnSecond = await AlertListener.ConnectAsync(second.Address, auth.AccessToken);
        await using var tabOnFirst = await AlertListener.ConnectAsync(first.Address, auth.AccessToken);
        var customerId = await CreateCustomerAsync(http);

        // Several tasks, so some grains are placed on each silo whatever the placement picks.
        var tasks = new List<Guid>();
        for (var i = 0; i < 8; i++)
        {
            tasks.Add(await CreateTaskAsync(http, customerId, DateTimeOffset.UtcNow.AddSeconds(3)));
        }

        foreach (var task in tasks)
        {
            await tabOnSecond.WaitForDueAsync(task);
            await tabOnFirst.WaitForDueAsync(task);
        }
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.All(tasks, task => Assert.Equal(1, tabOnSecond.DueCount(task)));
        Assert.All((await DeliveredAlertsAsync([.. tasks])).Values, count => Assert.Equal(1, count));
    }
}
