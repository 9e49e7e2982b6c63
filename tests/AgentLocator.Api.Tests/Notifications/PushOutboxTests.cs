using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AgentLocator.Api.Integrations.WebPush;
using AgentLocator.Api.Tasks;
using AgentLocator.Api.Tests.Infrastructure;
using AgentLocator.Grains.Data;
using AgentLocator.Grains.Data.Entities;
using AgentLocator.Grains.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AgentLocator.Api.Tests.Notifications;

/// <summary>
/// Pushes are recorded in Postgres and sent by whichever instance is alive: an instance stopped between claiming a
/// push and sending it leaves it to the next one, and two instances on one database never send a push twice. Each
/// test starts its own instances on a database of its own, with the real sender and the fake push service.
/// </summary>
public sealed class PushOutboxTests(FakePushService push) : IClassFixture<FakePushService>, IAsyncLifetime
{
    private string database = "";

    public async Task InitializeAsync() => database = await TestServices.CreateDatabaseAsync();

    public Task DisposeAsync() => TestServices.DropDatabaseAsync(database);

    private async Task<OutboxInstance> StartAsync(IPushClaimObserver? observer = null)
    {
        var instance = new OutboxInstance(database, observer);
        await instance.InitializeAsync();
        return instance;
    }

    private static async Task<(User User, ApiClient Client)> SubscribedUserAsync(OutboxInstance instance, params FakeSubscription[] browsers)
    {
        var user = await instance.CreateUserAsync(DevelopmentSeed.DemoBusinessName);
        var client = new ApiClient(instance);
        await client.SignInAsync(user.Email);
        foreach (var browser in browsers)
        {
            var response = await client.Http.PostAsJsonAsync("/api/notifications/subscribe", browser.ToJson());
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        }
        return (user, client);
    }

    private AgentLocatorDbContext Database() => new(
        new DbContextOptionsBuilder<AgentLocatorDbContext>().UseNpgsql(TestServices.ConnectionStringFor(database)).UseSnakeCaseNamingConvention().Options,
        new AgentLocator.Grains.Tenancy.FixedTenantContext(null));

    private async Task<List<OutboxPush>> OutboxRowsAsync(Guid userId)
    {
        await using var db = Database();
        return await db.PushOutbox.IgnoreQueryFilters().AsNoTracking().Where(p => p.UserId == userId).ToListAsync();
    }

    /// <summary>Polls Postgres until no row of the user is pending (or <paramref name="count"/> rows exist and none is).</summary>
    private async Task<List<OutboxPush>> WhenFinishedAsync(Guid userId, int count)
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        while (true)
        {
            var rows = await OutboxRowsAsync(userId);
            if (rows.Count >= count && rows.All(r => r.State != OutboxPushStates.Pending))
            {
                return rows;
            }
            await Task.Delay(100, limit.Token);
        }
    }

    private async Task WhenLeaseRenewedAsync(Guid userId, DateTimeOffset claimedUntil)
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (Assert.Single(await OutboxRowsAsync(userId)).ClaimedUntil <= claimedUntil)
        {
            await Task.Delay(100, limit.Token);
        }
    }

    private static PushMessage Message(string text) =>
        new(JsonSerializer.Serialize(new { type = "test", text }), Topic: null, TimeToLive: TimeSpan.FromMinutes(10));

    [Fact]
    public async Task A_push_claimed_by_an_instance_stopped_before_sending_is_sent_once_after_a_restart()
    {
        using var browser = push.Subscribe();
        var hold = new HoldAfterClaim();
        User user;
        await using (var first = await StartAsync(hold))
        {
            (user, var client) = await SubscribedUserAsync(first, browser);
            client.Dispose();
            await first.Services.GetRequiredService<PushOutbox>().RecordAsync(user.BusinessId, user.Id, Message("אחרי קריסה"));

            var claimed = await hold.Claimed.WaitAsync(TimeSpan.FromSeconds(30));
            Assert.Equal(user.Id, claimed.UserId);
            // While the instance lives it keeps renewing its lease, so no other sender would take the row.
            await WhenLeaseRenewedAsync(user.Id, claimed.ClaimedUntil!.Value);
            // The instance goes away holding the claim; its sender never gets past it, as if the process had died there.
        }
        Assert.Empty(browser.Received);
        var left = Assert.Single(await OutboxRowsAsync(user.Id));
        Assert.Equal(OutboxPushStates.Pending, left.State);
        Assert.Equal(1, left.Claims);

        await using var second = await StartAsync();
        var row = Assert.Single(await WhenFinishedAsync(user.Id, 1));

        Assert.Equal(OutboxPushStates.Sent, row.State);
        Assert.Equal(2, row.Claims);
        var received = Assert.Single(browser.Received);
        Assert.Null(received.Error);
        Assert.Contains("אחרי קריסה", JsonDocument.Parse(received.Payload!).RootElement.GetProperty("text").GetString());
        Assert.Equal(second.VapidPublicKey, Base64UrlBytes.Encode(received.Vapid!.PublicKey));
    }

    [Fact]
    public async Task Two_instances_on_one_database_send_every_push_exactly_once()
    {
        using var phone = push.Subscribe();
        using var laptop = push.Subscribe();
        await using var first = await StartAsync();
        await using var second = await StartAsync();
        var (user, client) = await SubscribedUserAsync(first, phone, laptop);
        client.Dispose();
        const int messages = 40;

        // Recorded on both instances at once, so both senders are woken and poll the same rows.
        await Task.WhenAll(Enumerable.Range(0, messages).Select(i =>
            (i % 2 == 0 ? first : second).Services.GetRequiredService<PushOutbox>().RecordAsync(user.BusinessId, user.Id, Message($"הודעה {i}"))));

        var rows = await WhenFinishedAsync(user.Id, 2 * messages);
        Assert.Equal(2 * messages, rows.Count);
        Assert.All(rows, row => Assert.Equal(OutboxPushStates.Sent, row.State));
        foreach (var browser in new[] { phone, laptop })
        {
            Assert.All(browser.Received, received => Assert.Null(received.Error));
            var texts = browser.Received.Select(r => JsonDocument.Parse(r.Payload!).RootElement.GetProperty("text").GetString()).ToList();
            Assert.Equal(Enumerable.Range(0, messages).Select(i => $"הודעה {i}").Order(), texts.Order());
        }
    }

    [Fact]
    public async Task A_due_alert_records_its_push_with_the_delivery_and_the_row_ends_sent()
    {
        using var browser = push.Subscribe();
        await using var instance = await StartAsync();
        var (user, client) = await SubscribedUserAsync(instance, browser);
        using var _ = client;
        var customer = await client.CreateCustomerAsync(new { name = "לקוח דחיפה", phone = CustomerApiExtensions.NextMobile() });
        var created = await client.Http.PostAsJsonAsync("/api/tasks", new { customer_id = customer.Id, title = "להתקשר בחזרה", due_at = DateTimeOffset.UtcNow.AddSeconds(1).ToString("o") });
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        var task = (await created.Content.ReadFromJsonAsync<TaskResponse>(JsonSerializerOptions.Web))!;

        var row = Assert.Single(await WhenFinishedAsync(user.Id, 1));

        Assert.Equal(OutboxPushStates.Sent, row.State);
        Assert.Equal("task-" + task.Id.ToString("N")[..24], row.Topic);
        await using (var db = Database())
        {
            var alert = await db.TaskAlerts.IgnoreQueryFilters().SingleAsync(a => a.TaskId == task.Id);
            Assert.NotNull(alert.DeliveredAt);
        }
        var payload = JsonDocument.Parse(Assert.Single(browser.Received).Payload!).RootElement;
        Assert.Equal("task:due", payload.GetProperty("type").GetString());
        Assert.Equal(task.Id, payload.GetProperty("task").GetProperty("id").GetGuid());
    }

    /// <summary>Stops the sender right after its claim, for good: it never sends and never hands the row back.</summary>
    private sealed class HoldAfterClaim : IPushClaimObserver
    {
        private readonly TaskCompletionSource<OutboxPush> claimed = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<OutboxPush> Claimed => claimed.Task;

        public Task ClaimedAsync(OutboxPush push, CancellationToken cancellationToken)
        {
            claimed.TrySetResult(push);
            // Deaf to the stopping token on purpose: a dead process runs no shutdown code either.
            return new TaskCompletionSource().Task;
        }
    }
}
