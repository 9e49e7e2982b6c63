using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using AgentLocator.Api.Integrations.WebPush;
using AgentLocator.Api.Tests.Infrastructure;
using AgentLocator.Grains.Data;
using AgentLocator.Grains.Data.Entities;
using AgentLocator.Grains.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AgentLocator.Api.Tests.Notifications;

/// <summary>Through the real outbox, sender and HttpClient to the local fake push service, with rows in Postgres.</summary>
[Collection(NotificationsCollection.Name)]
public sealed class PushDeliveryTests(NotificationsApiFactory api, FakePushService push)
{
    private const string Payload = """{"type":"task-due","taskId":"0196","title":"להתקשר לדנה"}""";

    private async Task<User> UserWithSubscriptionsAsync(params FakeSubscription[] browsers)
    {
        var user = await api.CreateUserAsync(DevelopmentSeed.DemoBusinessName);
        using var client = new ApiClient(api);
        await client.SignInAsync(user.Email);
        foreach (var browser in browsers)
        {
            var response = await client.Http.PostAsJsonAsync("/api/notifications/subscribe", browser.ToJson());
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        }
        return user;
    }

    /// <summary>Records the message in the outbox and waits until the sender has finished every row of the user.</summary>
    private async Task SendAndWaitAsync(User user, PushMessage? message = null)
    {
        await api.Services.GetRequiredService<PushOutbox>().RecordAsync(user.BusinessId, user.Id, message ?? new PushMessage(Payload, "task-0196", TimeSpan.FromMinutes(10)));
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while ((await OutboxStatesAsync(user)).Contains(OutboxPushStates.Pending))
        {
            await Task.Delay(50, limit.Token);
        }
    }

    private async Task<List<string>> OutboxStatesAsync(User user)
    {
        await using var db = api.CreateDbContext();
        return await db.PushOutbox.IgnoreQueryFilters().Where(p => p.UserId == user.Id).Select(p => p.State).ToListAsync();
    }

    private async Task<PushSubscription?> RowAsync(FakeSubscription browser)
    {
        await using var db = api.CreateDbContext();
        return await db.PushSubscriptions.IgnoreQueryFilters().SingleOrDefaultAsync(s => s.Endpoint == browser.Endpoint.ToString());
    }

    [Fact]
    public async Task Every_browser_of_the_user_receives_the_payload_encrypted_and_signed_as_a_push_service_requires()
    {
        using var phone = push.Subscribe(201);
        using var laptop = push.Subscribe(202);
        var user = await UserWithSubscriptionsAsync(phone, laptop);

        await SendAndWaitAsync(user, new PushMessage(Payload, "task-0196", TimeSpan.FromMinutes(10), Urgency: "normal"));

        foreach (var browser in new[] { phone, laptop })
        {
            var received = Assert.Single(browser.Received);
            Assert.Null(received.Error);
            Assert.Equal(Payload, received.Payload);
            Assert.Equal("600", received.Headers["TTL"]);
            Assert.Equal("normal", received.Headers["Urgency"]);
            Assert.Equal("task-0196", received.Headers["Topic"]);
            Assert.Equal(NotificationsApiFactory.Subject, received.Vapid!.Subject);
            Assert.Equal(api.VapidPublicKey, Base64UrlBytes.Encode(received.Vapid.PublicKey));
            Assert.NotNull((await RowAsync(browser))!.LastSuccessAt);
        }
        Assert.Equal([OutboxPushStates.Sent, OutboxPushStates.Sent], await OutboxStatesAsync(user));
    }

    [Fact]
    public async Task Another_users_subscriptions_receive_nothing()
    {
        using var mine = push.Subscribe();
        using var theirs = push.Subscribe();
        var me = await UserWithSubscriptionsAsync(mine);
        await UserWithSubscriptionsAsync(theirs);

        await SendAndWaitAsync(me);

        Assert.Single(mine.Received);
        Assert.Empty(theirs.Received);
    }

    [Theory]
    [InlineData(404)]
    [InlineData(410)]
    public async Task A_subscription_the_push_service_no_longer_knows_is_deleted_without_retrying(int status)
    {
        using var gone = push.Subscribe(status);
        using var live = push.Subscribe(201);
        var user = await UserWithSubscriptionsAsync(gone, live);
        using var telemetry = new TelemetryRecorder();

        await SendAndWaitAsync(user);

        Assert.Single(gone.Received);
        Assert.Null(await RowAsync(gone));
        Assert.NotNull((await RowAsync(live))!.LastSuccessAt);
        Assert.Equal([OutboxPushStates.Gone, OutboxPushStates.Sent], (await OutboxStatesAsync(user)).Order());
        // The dashboard's push counter tells the two apart.
        Assert.True(telemetry.Count("agentlocator.pushes|outcome=sent") >= 1);
        Assert.True(telemetry.Count("agentlocator.pushes|outcome=gone") >= 1);
    }

    [Theory]
    [InlineData(429)]
    [InlineData(500)]
    [InlineData(503)]
    public async Task Throttling_and_server_errors_are_retried_until_delivered(int status)
    {
        using var browser = push.Subscribe(status, status, 201);
        var user = await UserWithSubscriptionsAsync(browser);

        await SendAndWaitAsync(user);

        // Exactly our own attempts: no other retry layer (such as the default resilience handler) adds any.
        Assert.Equal(3, browser.Received.Count);
        Assert.All(browser.Received, received => Assert.Equal(Payload, received.Payload));
        Assert.NotNull((await RowAsync(browser))!.LastSuccessAt);
    }

    [Fact]
    public async Task Retry_after_from_the_push_service_is_honoured()
    {
        using var browser = push.Subscribe(429, 201);
        browser.RetryAfterSeconds = 1;
        var user = await UserWithSubscriptionsAsync(browser);
        var clock = Stopwatch.StartNew();

        await SendAndWaitAsync(user);

        Assert.Equal(2, browser.Received.Count);
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(950), $"retried after {clock.Elapsed}");
    }

    [Fact]
    public async Task Retries_stop_after_the_configured_number_and_the_subscription_is_kept()
    {
        using var browser = push.Subscribe(503);
        var user = await UserWithSubscriptionsAsync(browser);

        await SendAndWaitAsync(user);

        Assert.Equal(1 + new WebPushOptions().MaxRetries, browser.Received.Count);
        Assert.Equal([OutboxPushStates.Failed], await OutboxStatesAsync(user));
        var row = await RowAsync(browser);
        Assert.NotNull(row);
        Assert.Null(row.LastSuccessAt);
    }

    [Theory]
    [InlineData(400)]
    [InlineData(403)]
    [InlineData(413)]
    public async Task Other_refusals_are_not_retried_and_the_subscription_is_kept(int status)
    {
        using var browser = push.Subscribe(status);
        var user = await UserWithSubscriptionsAsync(browser);

        await SendAndWaitAsync(user);

        Assert.Null(Assert.Single(browser.Received).Error);
        Assert.NotNull(await RowAsync(browser));
    }

    [Fact]
    public async Task An_expired_subscription_is_deleted_instead_of_sent_to()
    {
        using var expired = push.Subscribe();
        var user = await UserWithSubscriptionsAsync();
        using (var client = new ApiClient(api))
        {
            await client.SignInAsync(user.Email);
            await client.Http.PostAsJsonAsync("/api/notifications/subscribe", expired.ToJson(DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeMilliseconds()));
        }

        await SendAndWaitAsync(user);

        Assert.Empty(expired.Received);
        Assert.Null(await RowAsync(expired));
        Assert.Equal([OutboxPushStates.Gone], await OutboxStatesAsync(user));
    }

    [Fact]
    public async Task Invalid_messages_are_refused_when_recorded()
    {
        var outbox = api.Services.GetRequiredService<PushOutbox>();
        var business = Guid.NewGuid();
        var user = Guid.NewGuid();

        await Assert.ThrowsAsync<ArgumentException>(() => outbox.RecordAsync(business, user, new PushMessage("{}", "not a topic!", TimeSpan.FromMinutes(1))));
        await Assert.ThrowsAsync<ArgumentException>(() => outbox.RecordAsync(business, user, new PushMessage("{}", new string('a', 33), TimeSpan.FromMinutes(1))));
        await Assert.ThrowsAsync<ArgumentException>(() => outbox.RecordAsync(business, user, new PushMessage("{}", null, TimeSpan.FromMinutes(1), "urgent")));
    }

    [Fact]
    public async Task A_payload_too_large_for_a_push_body_is_dropped_without_failing_the_caller()
    {
        using var browser = push.Subscribe();
        var user = await UserWithSubscriptionsAsync(browser);

        await SendAndWaitAsync(user, new PushMessage(new string('א', PushMessage.MaxPayloadBytes / 2 + 1), null, TimeSpan.FromMinutes(1)));

        Assert.Empty(browser.Received);
        Assert.Empty(await OutboxStatesAsync(user));
    }
}
