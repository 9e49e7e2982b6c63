using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AgentLocator.Api.Tests.Infrastructure;
using AgentLocator.Api.Tests.Timeline;
using AgentLocator.Api.Timeline;
using AgentLocator.Api.WhatsApp;
using AgentLocator.Grains.Data.Entities;
using AgentLocator.Grains.Features;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace AgentLocator.Api.Tests.WhatsApp;

/// <summary>The <c>whatsapp</c> feature gate on every WhatsApp route, the timeline and the hub; and the live pushes.</summary>
[Collection(WhatsAppCollection.Name)]
public sealed class WhatsAppAccessAndLiveTests(WhatsAppFixture api)
{
    [Fact]
    public async Task Without_the_feature_every_WhatsApp_route_answers_the_same_403_and_the_timeline_hides_WhatsApp_events()
    {
        var (business, _, _) = await api.NewWhatsAppBusinessAsync();
        var phone = CustomerApiExtensions.NextMobile();
        await WhatsAppFixture.AssertEmptyResponseAsync(await api.PostInboundAsync(WhatsAppFixture.NewMessageSid(), phone, business.WhatsAppNumber!, "שלום"));
        var message = Assert.Single(await api.MessagesAsync(business.Id));
        var customerId = message.CustomerId!.Value;
        var (crmOnly, _) = await api.UserAsync(business, UserRoles.Agent, Feature.Crm, Feature.Calls);
        var thread = $"/api/whatsapp/customers/{customerId}/messages";

        var answers = new[]
        {
            await crmOnly.Http.GetAsync(thread),
            await crmOnly.Http.PostAsJsonAsync(thread, new { body = "שלום" }),
            await crmOnly.Http.PostAsync(thread, new StringContent("{not json", System.Text.Encoding.UTF8, "application/json")),
            await crmOnly.Http.PostAsync($"{thread}/{message.Id}/retry", null),
            await crmOnly.Http.GetAsync($"{thread}/{message.Id}/media/0"),
            await crmOnly.Http.GetAsync("/api/whatsapp/templates"),
        };
        var bodies = new HashSet<string>();
        foreach (var answer in answers)
        {
            Assert.Equal(HttpStatusCode.Forbidden, answer.StatusCode);
            Assert.Equal("application/problem+json", answer.Content.Headers.ContentType?.MediaType);
            var body = await answer.Content.ReadAsStringAsync();
            Assert.Equal("whatsapp", JsonDocument.Parse(body).RootElement.GetProperty("feature").GetString());
            bodies.Add(body);
        }
        Assert.Single(bodies);
        Assert.Single(await api.MessagesAsync(business.Id));

        var timeline = await crmOnly.Http.GetFromJsonAsync<TimelinePage>($"/api/crm/customers/{customerId}/timeline", JsonSerializerOptions.Web);
        Assert.DoesNotContain(timeline!.Items, item => item.Kind == "whatsapp");
        Assert.Contains(timeline.Items, item => item.Kind == "customer");

        await using var connection = api.Connect(crmOnly);
        await connection.StartAsync();
        await Assert.ThrowsAsync<HubException>(() => connection.InvokeAsync<bool>("WatchWhatsApp"));
    }

    [Fact]
    public async Task An_inbound_message_and_a_replys_ticks_arrive_live_for_watchers_of_the_business()
    {
        var (business, admin, _) = await api.NewWhatsAppBusinessAsync();
        var (_, otherAdmin, _) = await api.NewWhatsAppBusinessAsync();
        var received = new ConcurrentQueue<WhatsAppMessageResponse>();
        var elsewhere = new ConcurrentQueue<WhatsAppMessageResponse>();
        await using var connection = api.Connect(admin);
        await using var otherConnection = api.Connect(otherAdmin);
        connection.On<JsonElement>("whatsapp:message", body => received.Enqueue(body.Deserialize<WhatsAppMessageResponse>(JsonSerializerOptions.Web)!));
        otherConnection.On<JsonElement>("whatsapp:message", body => elsewhere.Enqueue(body.Deserialize<WhatsAppMessageResponse>(JsonSerializerOptions.Web)!));
        await connection.StartAsync();
        await otherConnection.StartAsync();
        Assert.True(await connection.InvokeAsync<bool>("WatchWhatsApp"));
        Assert.True(await otherConnection.InvokeAsync<bool>("WatchWhatsApp"));

        var phone = CustomerApiExtensions.NextMobile();
        await WhatsAppFixture.AssertEmptyResponseAsync(await api.PostInboundAsync(WhatsAppFixture.NewMessageSid(), phone, business.WhatsAppNumber!, "מישהו שם?"));
        var inbound = await api.EventuallyAsync(() => Task.FromResult(received.FirstOrDefault(m => m.Direction == WhatsAppDirection.Inbound)), _ => true, "the inbound message live");
        Assert.Equal("מישהו שם?", inbound.Body);

        var reply = (await (await admin.Http.PostAsJsonAsync($"/api/whatsapp/customers/{inbound.CustomerId}/messages", new { body = "כן!" }))
            .Content.ReadFromJsonAsync<WhatsAppMessageResponse>(JsonSerializerOptions.Web))!;
        await api.EventuallyAsync(() => Task.FromResult(received.FirstOrDefault(m => m.Id == reply.Id && m.Status == WhatsAppStatus.Read)), _ => true, "the read tick live");
        var ticks = received.Where(m => m.Id == reply.Id).Select(m => m.Status).ToList();
        Assert.Equal(ticks.OrderBy(status => status.Rank()), ticks);
        Assert.Empty(elsewhere);
    }
}
