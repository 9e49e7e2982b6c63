using System.Collections.Concurrent;
using System.Text.Json;
using AgentLocator.Api.Tests.Infrastructure;
using AgentLocator.Api.Timeline;
using AgentLocator.FakeProviders;
using AgentLocator.Grains.Data.Entities;
using AgentLocator.Grains.Features;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;

namespace AgentLocator.Api.Tests.Timeline;

/// <summary>
/// A call played as Twilio plays it (signed webhooks) makes one call event, updated when the call ends, and the
/// open timelines get it live — except a user without <c>calls</c>, who never receives it.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class TimelineCallTests(AgentLocatorApiFactory api) : IAsyncLifetime
{
    private FakeProviders.FakeProviders fakes = null!;

    public async Task InitializeAsync() => fakes = await FakeProviders.FakeProviders.StartAsync();

    public async Task DisposeAsync() => await fakes.DisposeAsync();

    /// <summary>Everything one connection receives on timeline:item, in order.</summary>
    private sealed class Watcher(HubConnection connection) : IAsyncDisposable
    {
        private readonly HubConnection connection = connection;

        public ConcurrentQueue<TimelineItem> Items { get; } = new();

        public static async Task<Watcher> StartAsync(AgentLocatorApiFactory api, ApiClient client)
        {
            var watcher = new Watcher(api.Connect(client));
            watcher.connection.On<JsonElement>("timeline:item", body => watcher.Items.Enqueue(body.Deserialize<TimelineItem>(JsonSerializerOptions.Web)!));
            await watcher.connection.StartAsync();
            return watcher;
        }

        public Task<bool> WatchAsync(Guid customerId) => connection.InvokeAsync<bool>("WatchTimeline", customerId);

        public Task<bool> WatchBusinessAsync() => connection.InvokeAsync<bool>("WatchBusinessTimeline");

        public async Task<TimelineItem> WaitForAsync(Func<TimelineItem, bool> match, string what)
        {
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (true)
            {
                if (Items.FirstOrDefault(match) is { } found)
                {
                    return found;
                }
                Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting for {what}; got {string.Join(", ", Items.Select(i => i.Title))}.");
                await Task.Delay(50);
            }
        }

        public ValueTask DisposeAsync() => connection.DisposeAsync();
    }

    [Fact]
    public async Task A_call_makes_one_event_that_is_updated_as_it_ends_and_arrives_live_only_for_users_with_calls()
    {
        var (business, adminUser, caller) = await api.NewBusinessCallAsync();
        using var admin = await api.SignedInAsync(adminUser);
        var (crmOnly, _) = await api.UserAsync(business, UserRoles.Agent, Feature.Crm);
        var customer = await admin.CreateCustomerAsync(new { name = "מתקשרת", phone = caller.From });
        await using var full = await Watcher.StartAsync(api, admin);
        await using var limited = await Watcher.StartAsync(api, crmOnly);
        await using var limitedFeed = await Watcher.StartAsync(api, crmOnly);
        Assert.True(await full.WatchAsync(customer.Id));
        Assert.True(await limited.WatchAsync(customer.Id));
        Assert.True(await limitedFeed.WatchBusinessAsync());

        await caller.IncomingAsync();
        var ringing = await full.WaitForAsync(i => i.Kind == "call", "the call's event");
        Assert.Equal(("in-progress", "שיחה נכנסת — בשיחה"), (ringing.Call!.Disposition, ringing.Title));
        var inProgress = (await admin.TimelineAsync(customer.Id, "kind=call")).Items.Single();
        Assert.Equal(ringing.Id, inProgress.Id);

        var url = fakes.Twilio.AddRecording(FakeAudio.SpeechWav(TimeSpan.FromSeconds(3)));
        var hold = await caller.RecordingAsync(TwilioCaller.NewRecordingSid(), url, 3);
        await caller.FollowAsync(hold.Element("Redirect")!);
        await caller.StatusAsync("completed", 20);
        var call = await api.ProcessedAsync(caller);
        var ended = await full.WaitForAsync(i => i.Kind == "call" && i.Call!.Disposition == "message" && i.Call.DurationSeconds == 20,
            "the call's update");

        Assert.Equal(ringing.Id, ended.Id);
        Assert.Equal(("שיחה נכנסת — השאיר הודעה", 20, $"/api/calls/{call.Id}/recording"),
            (ended.Title, ended.Call!.DurationSeconds!.Value, ended.Call.RecordingUrl));
        Assert.Equal(("caller", caller.From, customer.Id), (ended.Actor.Type, ended.Actor.Name, ended.Customer!.Id));
        var calls = (await admin.TimelineAsync(customer.Id, "kind=call")).Items;
        var stored = Assert.Single(calls);
        Assert.Equal((ringing.Id, "message", 20), (stored.Id, stored.Call!.Disposition, stored.Call.DurationSeconds!.Value));
        Assert.True(stored.UpdatedAt > stored.OccurredAt);
        await using (var db = api.CreateDbContext(business.Id))
        {
            Assert.Equal(1, await db.TimelineEvents.CountAsync(e => e.Kind == "call" && e.SourceId == call.Id));
        }
        // The follow-up task the call made is on the timeline too, for everyone with the CRM.
        var followUp = await limited.WaitForAsync(i => i.Kind == "task", "the follow-up task");
        Assert.Equal(call.FollowUpTaskId, followUp.Task!.TaskId);

        // A last event after all the call's: once it has arrived, anything sent before it has too.
        await admin.AddNoteAsync(customer.Id, "סוף הבדיקה");
        await limited.WaitForAsync(i => i.Kind == "note", "the closing note");
        await limitedFeed.WaitForAsync(i => i.Kind == "note", "the closing note in the feed");
        await full.WaitForAsync(i => i.Kind == "note", "the closing note for the full user");
        Assert.DoesNotContain(limited.Items, i => i.Kind == "call");
        Assert.DoesNotContain(limitedFeed.Items, i => i.Kind == "call");
        Assert.DoesNotContain((await crmOnly.TimelineAsync(customer.Id)).Items, i => i.Kind == "call");
        Assert.Equal(customer.Id, limitedFeed.Items.First(i => i.Kind == "note").Customer!.Id);
    }

    [Fact]
    public async Task Watching_a_customer_of_another_business_is_refused()
    {
        var (_, admin, _) = await api.NewBusinessAsync();
        var (_, stranger, _) = await api.NewBusinessAsync();
        var customer = await admin.CreateCustomerAsync(new { name = "של אחרים" });
        await using var watcher = await Watcher.StartAsync(api, stranger);

        Assert.False(await watcher.WatchAsync(customer.Id));
        await admin.AddNoteAsync(customer.Id, "לא בשבילך");
        Assert.True(await watcher.WatchBusinessAsync());
        await stranger.AddNoteAsync((await stranger.CreateCustomerAsync(new { name = "שלי" })).Id, "שלי");
        await watcher.WaitForAsync(i => i.Kind == "note", "the stranger's own note");
        Assert.DoesNotContain(watcher.Items, i => i.Customer?.Id == customer.Id);
    }
}
