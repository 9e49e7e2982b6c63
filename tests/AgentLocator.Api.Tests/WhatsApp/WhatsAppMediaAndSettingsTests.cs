using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using AgentLocator.Api.Tests.Infrastructure;
using AgentLocator.Api.WhatsApp;

namespace AgentLocator.Api.Tests.WhatsApp;

/// <summary>Inbound media copied from Twilio (the fake) into our store and served with Range; the admin's sender number.</summary>
[Collection(WhatsAppCollection.Name)]
public sealed class WhatsAppMediaAndSettingsTests(WhatsAppFixture api)
{
    [Fact]
    public async Task A_photo_is_fetched_from_Twilio_into_our_store_and_served_to_agents_with_Range()
    {
        var (business, admin, _) = await api.NewWhatsAppBusinessAsync();
        var photo = Enumerable.Range(0, 5000).Select(i => (byte)(i * 7)).ToArray();
        var mediaUrl = api.Fakes.Twilio.AddRecording(photo, "image/jpeg", notReadyFor: 1, recordingSid: "ME" + Guid.NewGuid().ToString("N"));

        await WhatsAppFixture.AssertEmptyResponseAsync(await api.PostInboundAsync(WhatsAppFixture.NewMessageSid(), CustomerApiExtensions.NextMobile(),
            business.WhatsAppNumber!, "", extra: new Dictionary<string, string>
            {
                ["NumMedia"] = "1", ["MediaUrl0"] = mediaUrl.ToString(), ["MediaContentType0"] = "image/jpeg", ["MessageType"] = "image",
            }));

        var customerId = (await api.MessagesAsync(business.Id)).Single().CustomerId!.Value;
        var item = await api.EventuallyAsync(async () =>
        {
            var page = await admin.Http.GetFromJsonAsync<WhatsAppThreadPage>($"/api/whatsapp/customers/{customerId}/messages", JsonSerializerOptions.Web);
            return page!.Items.Single().Media.SingleOrDefault();
        }, media => media.Url is not null, "the photo's copy");
        Assert.Equal(("image/jpeg", (long?)photo.Length), (item.ContentType, item.Bytes));

        var whole = await admin.Http.GetByteArrayAsync(item.Url);
        Assert.Equal(photo, whole);
        using var ranged = new HttpRequestMessage(HttpMethod.Get, item.Url);
        ranged.Headers.Range = new RangeHeaderValue(100, 199);
        var part = await admin.Http.SendAsync(ranged);
        Assert.Equal(HttpStatusCode.PartialContent, part.StatusCode);
        Assert.Equal(photo[100..200], await part.Content.ReadAsByteArrayAsync());

        // Another business's agent cannot read it.
        var (_, stranger, _) = await api.NewWhatsAppBusinessAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Http.GetAsync(item.Url)).StatusCode);
    }

    [Fact]
    public async Task An_admin_sets_the_sender_number_in_any_format_and_a_number_is_one_business_only()
    {
        var (_, admin, _) = await api.NewWhatsAppBusinessAsync();
        var (_, other, _) = await api.NewWhatsAppBusinessAsync();
        var number = "+97237" + Random.Shared.Next(100000, 999999);
        var local = "0" + number[4..];

        var set = await admin.Http.PutAsJsonAsync("/api/whatsapp/settings", new { senderNumber = local });

        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        var settings = (await set.Content.ReadFromJsonAsync<WhatsAppSettingsResponse>(JsonSerializerOptions.Web))!;
        Assert.Equal((number, true), (settings.SenderNumber, settings.SendingConfigured));
        Assert.Equal(number, (await admin.Http.GetFromJsonAsync<WhatsAppSettingsResponse>("/api/whatsapp/settings", JsonSerializerOptions.Web))!.SenderNumber);
        Assert.Equal(HttpStatusCode.Conflict, (await other.Http.PutAsJsonAsync("/api/whatsapp/settings", new { senderNumber = number })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await other.Http.PutAsJsonAsync("/api/whatsapp/settings", new { senderNumber = "not a phone" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.Http.PutAsJsonAsync("/api/whatsapp/settings", new { senderNumber = (string?)null })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await other.Http.PutAsJsonAsync("/api/whatsapp/settings", new { senderNumber = number })).StatusCode);
    }
}
