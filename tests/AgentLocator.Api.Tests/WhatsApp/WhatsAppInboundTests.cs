using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AgentLocator.Api.Tests.Infrastructure;
using AgentLocator.Api.Timeline;
using AgentLocator.Api.WhatsApp;
using AgentLocator.Grains.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace AgentLocator.Api.Tests.WhatsApp;

/// <summary>Twilio's messaging webhook over real HTTP: signatures, the lead, idempotency, the timeline and tenancy.</summary>
[Collection(WhatsAppCollection.Name)]
public sealed class WhatsAppInboundTests(WhatsAppFixture api)
{
    [Fact]
    public async Task A_signed_message_from_an_unknown_number_makes_a_lead_named_by_its_profile_with_the_message_on_thread_and_timeline()
    {
        var (business, admin, _) = await api.NewWhatsAppBusinessAsync();
        var from = CustomerApiExtensions.NextMobile();
        var sid = WhatsAppFixture.NewMessageSid();

        await WhatsAppFixture.AssertEmptyResponseAsync(await api.PostInboundAsync(sid, from, business.WhatsAppNumber!, "שלום, אפשר לקבוע פגישה?\nתודה", "דנה כהן"));

        var customer = (await admin.ListCustomersAsync($"q={Uri.EscapeDataString(from)}")).Items.Single();
        Assert.Equal(("דנה כהן", "lead", from), (customer.Name, customer.Status, customer.Phone));
        var thread = await admin.Http.GetFromJsonAsync<WhatsAppThreadPage>($"/api/whatsapp/customers/{customer.Id}/messages", JsonSerializerOptions.Web);
        var message = Assert.Single(thread!.Items);
        Assert.Equal((WhatsAppDirection.Inbound, WhatsAppStatus.Received, "שלום, אפשר לקבוע פגישה?\nתודה", "דנה כהן"),
            (message.Direction, message.Status, message.Body, message.ProfileName));
        Assert.True(thread.Window.Open);

        var timeline = await admin.Http.GetFromJsonAsync<TimelinePage>($"/api/crm/customers/{customer.Id}/timeline?kind=whatsapp", JsonSerializerOptions.Web);
        var item = Assert.Single(timeline!.Items);
        Assert.Equal(("הודעת WhatsApp נכנסת", "שלום, אפשר לקבוע פגישה?", message.Id, "inbound"),
            (item.Title, item.Summary, item.WhatsApp!.MessageId, item.WhatsApp.Direction));
        var created = await admin.Http.GetFromJsonAsync<TimelinePage>($"/api/crm/customers/{customer.Id}/timeline?kind=customer", JsonSerializerOptions.Web);
        Assert.Equal("ליד חדש מהודעת WhatsApp", Assert.Single(created!.Items).Title);
    }

    [Fact]
    public async Task The_same_MessageSid_posted_again_stores_one_message_one_event_and_one_customer()
    {
        var (business, admin, _) = await api.NewWhatsAppBusinessAsync();
        var from = CustomerApiExtensions.NextMobile();
        var sid = WhatsAppFixture.NewMessageSid();

        for (var attempt = 0; attempt < 3; attempt++)
        {
            await WhatsAppFixture.AssertEmptyResponseAsync(await api.PostInboundAsync(sid, from, business.WhatsAppNumber!, "פעם אחת"));
        }
        await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ =>
            await WhatsAppFixture.AssertEmptyResponseAsync(await api.PostInboundAsync(sid, from, business.WhatsAppNumber!, "פעם אחת"))));

        Assert.Single(await api.MessagesAsync(business.Id));
        await using var db = api.CreateDbContext(business.Id);
        Assert.Equal(1, await db.Customers.CountAsync(c => c.Phone == from));
        Assert.Equal(1, await db.TimelineEvents.CountAsync(e => e.Kind == "whatsapp"));
        _ = admin;
    }

    [Fact]
    public async Task A_known_customer_is_matched_by_the_number_and_no_lead_is_made()
    {
        var (business, admin, _) = await api.NewWhatsAppBusinessAsync();
        var from = CustomerApiExtensions.NextMobile();
        var known = await admin.CreateCustomerAsync(new { name = "יוסי הקבוע", phone = from });

        await WhatsAppFixture.AssertEmptyResponseAsync(await api.PostInboundAsync(WhatsAppFixture.NewMessageSid(), from, business.WhatsAppNumber!, "היי", "Yossi"));

        var message = Assert.Single(await api.MessagesAsync(business.Id));
        Assert.Equal(known.Id, message.CustomerId);
        await using var db = api.CreateDbContext(business.Id);
        Assert.Equal("יוסי הקבוע", await db.Customers.Where(c => c.Id == known.Id).Select(c => c.Name).SingleAsync());
        Assert.Equal(1, await db.Customers.CountAsync());
    }

    [Fact]
    public async Task A_forged_or_missing_signature_is_refused_with_403_and_nothing_is_stored()
    {
        var (business, _, _) = await api.NewWhatsAppBusinessAsync();
        var from = CustomerApiExtensions.NextMobile();
        var forgedSid = WhatsAppFixture.NewMessageSid();
        var unsignedSid = WhatsAppFixture.NewMessageSid();

        var forged = await api.PostInboundAsync(forgedSid, from, business.WhatsAppNumber!, "מזויף", signature: "bm90IGEgc2lnbmF0dXJl");
        var missing = await api.PostInboundAsync(unsignedSid, from, business.WhatsAppNumber!, "בלי חתימה", signed: false);
        // Signed over other fields than the ones posted (the body changed on the way).
        var tampered = FakeProviders.FakeTwilioMessages.Sign(api.Token, api.PublicHost + WhatsAppWebhooks.InboundPath, new Dictionary<string, string> { ["Body"] = "אחר" });
        var altered = await api.PostInboundAsync(forgedSid, from, business.WhatsAppNumber!, "מזויף", signature: tampered);

        Assert.All(new[] { forged, missing, altered }, response => Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode));
        Assert.Empty(await api.MessagesAsync(business.Id));
        await using var db = api.CreateDbContext(business.Id);
        Assert.Equal(0, await db.Customers.CountAsync());
        Assert.Equal(0, await db.TimelineEvents.CountAsync());
    }

    [Fact]
    public async Task A_message_to_another_business_number_lands_there_and_never_here()
    {
        var (mine, myAdmin, _) = await api.NewWhatsAppBusinessAsync();
        var (theirs, theirAdmin, _) = await api.NewWhatsAppBusinessAsync();
        var from = CustomerApiExtensions.NextMobile();
        var mineCustomer = await myAdmin.CreateCustomerAsync(new { name = "לקוח שלי", phone = from });

        await WhatsAppFixture.AssertEmptyResponseAsync(await api.PostInboundAsync(WhatsAppFixture.NewMessageSid(), from, theirs.WhatsAppNumber!, "לעסק השני"));

        Assert.Empty(await api.MessagesAsync(mine.Id));
        var theirMessage = Assert.Single(await api.MessagesAsync(theirs.Id));
        Assert.NotEqual(mineCustomer.Id, theirMessage.CustomerId);
        var myThread = await myAdmin.Http.GetFromJsonAsync<WhatsAppThreadPage>($"/api/whatsapp/customers/{mineCustomer.Id}/messages", JsonSerializerOptions.Web);
        Assert.Empty(myThread!.Items);
        Assert.False(myThread.Window.Open);
        // Their customer's thread is not ours to read (the tenant filter hides it): 404, not their data.
        var across = await myAdmin.Http.GetAsync($"/api/whatsapp/customers/{theirMessage.CustomerId}/messages");
        Assert.Equal(HttpStatusCode.NotFound, across.StatusCode);
        _ = theirAdmin;
    }

    [Fact]
    public async Task A_message_to_a_number_no_business_has_is_answered_and_not_stored()
    {
        var sid = WhatsAppFixture.NewMessageSid();
        await WhatsAppFixture.AssertEmptyResponseAsync(await api.PostInboundAsync(sid, CustomerApiExtensions.NextMobile(), "+97239999999", "לאן?"));
        Assert.Null(await api.MessageBySidAsync(sid));
    }

    [Fact]
    public async Task Media_fields_are_kept_and_a_button_press_shows_its_text()
    {
        var (business, _, _) = await api.NewWhatsAppBusinessAsync();
        var sid = WhatsAppFixture.NewMessageSid();
        await WhatsAppFixture.AssertEmptyResponseAsync(await api.PostInboundAsync(sid, CustomerApiExtensions.NextMobile(), business.WhatsAppNumber!, "", extra: new Dictionary<string, string>
        {
            ["ButtonText"] = "כן, מתאים לי", ["ButtonPayload"] = "confirm-visit", ["OriginalRepliedMessageSid"] = "SM" + new string('a', 32),
        }));
        var message = Assert.Single(await api.MessagesAsync(business.Id));
        Assert.Equal(("כן, מתאים לי", "confirm-visit", "SM" + new string('a', 32)), (message.Body, message.ButtonPayload, message.RepliedToMessageSid));
    }
}
