using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AgentLocator.Api.Tests.Infrastructure;
using AgentLocator.Api.Tests.Notifications;
using AgentLocator.Api.Tests.Timeline;
using AgentLocator.Api.Timeline;
using AgentLocator.Api.WhatsApp;
using AgentLocator.Grains.Data.Entities;
using AgentLocator.Grains.Features;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;

namespace AgentLocator.Api.Tests.WhatsApp;

/// <summary>
/// A new inbound message reaches the business's agent as a Web Push (through the outbox, to the fake push service) whose
/// data opens the thread; a voice note is transcribed by the OpenAI-compatible fake and its text reaches the thread, the
/// timeline card and the live <c>whatsapp:message</c>.
/// </summary>
[Collection(WhatsAppCollection.Name)]
public sealed class WhatsAppNotifyAndTranscribeTests(WhatsAppFixture api, FakePushService push) : IClassFixture<FakePushService>
{
    [Fact]
    public async Task A_new_message_is_pushed_to_the_businesss_agent_and_its_click_opens_the_thread()
    {
        var (business, admin, adminUser) = await api.NewWhatsAppBusinessAsync();
        using var browser = push.Subscribe();
        var subscribed = await admin.Http.PostAsJsonAsync("/api/notifications/subscribe", browser.ToJson());
        Assert.Equal(HttpStatusCode.Created, subscribed.StatusCode);

        var sid = WhatsAppFixture.NewMessageSid();
        await WhatsAppFixture.AssertEmptyResponseAsync(await api.PostInboundAsync(sid, CustomerApiExtensions.NextMobile(), business.WhatsAppNumber!, "אפשר פרטים על הדירה?", profileName: "יעל"));
        // Twilio's retry of the same message pushes nothing more.
        await WhatsAppFixture.AssertEmptyResponseAsync(await api.PostInboundAsync(sid, CustomerApiExtensions.NextMobile(), business.WhatsAppNumber!, "אפשר פרטים על הדירה?", profileName: "יעל"));

        var message = Assert.Single(await api.MessagesAsync(business.Id));
        var received = await api.EventuallyAsync(() => Task.FromResult(browser.Received.FirstOrDefault()), _ => true, "the push");
        Assert.Null(received.Error);
        var payload = JsonDocument.Parse(received.Payload!).RootElement;
        Assert.Equal("whatsapp:message", payload.GetProperty("type").GetString());
        Assert.Equal($"/whatsapp/{message.CustomerId}", payload.GetProperty("url").GetString());
        Assert.Equal(message.CustomerId, payload.GetProperty("customerId").GetGuid());
        Assert.Equal(message.Id, payload.GetProperty("messageId").GetGuid());
        Assert.Equal("יעל", payload.GetProperty("from").GetString());
        Assert.Equal("אפשר פרטים על הדירה?", payload.GetProperty("body").GetString());
        await using var db = api.CreateDbContext(business.Id);
        var row = await db.PushOutbox.AsNoTracking().SingleAsync(p => p.UserId == adminUser.Id);
        Assert.Equal("wa-" + message.CustomerId!.Value.ToString("N")[..24], row.Topic);
    }

    [Fact]
    public async Task An_agent_without_the_whatsapp_feature_gets_no_push()
    {
        var (business, _, _) = await api.NewWhatsAppBusinessAsync();
        var (callsOnly, agent) = await api.UserAsync(business, UserRoles.Agent, Feature.Crm, Feature.Calls);
        using var browser = push.Subscribe();
        Assert.Equal(HttpStatusCode.Created, (await callsOnly.Http.PostAsJsonAsync("/api/notifications/subscribe", browser.ToJson())).StatusCode);
        await using (var db = api.CreateDbContext())
        {
            await db.Businesses.Where(b => b.Id == business.Id).ExecuteUpdateAsync(s => s.SetProperty(b => b.DefaultAgentId, agent.Id));
        }

        await WhatsAppFixture.AssertEmptyResponseAsync(await api.PostInboundAsync(WhatsAppFixture.NewMessageSid(), CustomerApiExtensions.NextMobile(), business.WhatsAppNumber!, "שלום"));

        Assert.Single(await api.MessagesAsync(business.Id));
        await using var check = api.CreateDbContext(business.Id);
        Assert.Empty(await check.PushOutbox.AsNoTracking().ToListAsync());
        Assert.Empty(browser.Received);
    }

    [Fact]
    public async Task A_voice_note_is_transcribed_into_the_thread_the_timeline_card_and_the_live_update()
    {
        var (business, admin, _) = await api.NewWhatsAppBusinessAsync();
        const string said = "שלום, אני מחפש דירת ארבעה חדרים בחיפה";
        api.Fakes.OpenAI.Transcript = said;
        var note = Enumerable.Range(0, 3000).Select(i => (byte)(i * 13)).ToArray();
        var mediaUrl = api.Fakes.Twilio.AddRecording(note, "audio/ogg", recordingSid: "ME" + Guid.NewGuid().ToString("N"));
        var live = new ConcurrentQueue<WhatsAppMessageResponse>();
        await using var connection = api.Connect(admin);
        connection.On<JsonElement>("whatsapp:message", body => live.Enqueue(body.Deserialize<WhatsAppMessageResponse>(JsonSerializerOptions.Web)!));
        await connection.StartAsync();
        Assert.True(await connection.InvokeAsync<bool>("WatchWhatsApp"));
        var transcriptionsBefore = api.Fakes.OpenAI.Transcriptions.Count;

        await WhatsAppFixture.AssertEmptyResponseAsync(await api.PostInboundAsync(WhatsAppFixture.NewMessageSid(), CustomerApiExtensions.NextMobile(),
            business.WhatsAppNumber!, "", extra: new Dictionary<string, string>
            {
                ["NumMedia"] = "1", ["MediaUrl0"] = mediaUrl.ToString(), ["MediaContentType0"] = "audio/ogg", ["MessageType"] = "audio",
            }));

        var message = Assert.Single(await api.MessagesAsync(business.Id));
        var customerId = message.CustomerId!.Value;
        var shown = await api.EventuallyAsync(async () =>
            (await admin.Http.GetFromJsonAsync<WhatsAppThreadPage>($"/api/whatsapp/customers/{customerId}/messages", JsonSerializerOptions.Web))!.Items.Single(),
            m => m.Transcript is not null, "the transcript in the thread");
        Assert.Equal(said, shown.Transcript);
        Assert.NotNull(Assert.Single(shown.Media).Url);
        var request = api.Fakes.OpenAI.Transcriptions.All.Skip(transcriptionsBefore).Single();
        Assert.Equal("he", request.Language);

        await api.EventuallyAsync(() => Task.FromResult(live.FirstOrDefault(m => m.Id == message.Id && m.Transcript == said)), _ => true, "the transcript live");

        var timeline = await admin.Http.GetFromJsonAsync<TimelinePage>($"/api/crm/customers/{customerId}/timeline", JsonSerializerOptions.Web);
        var card = Assert.Single(timeline!.Items, item => item.Kind == "whatsapp");
        Assert.Equal(said, card.WhatsApp!.Transcript);
        Assert.Equal(said, card.Summary);
        api.Fakes.OpenAI.Transcript = AgentLocator.FakeProviders.FakeOpenAI.DefaultTranscript;
    }
}
