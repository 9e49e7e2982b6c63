using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AgentLocator.Api.Tests.Infrastructure;
using AgentLocator.Api.WhatsApp;
using AgentLocator.Grains.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace AgentLocator.Api.Tests.WhatsApp;

/// <summary>
/// Agents' sends over real HTTP through Twilio's SDK to the fake Messages API, and the fake's signed status callbacks
/// back: the window rule, templates, idempotency, failures with Twilio's code, retry, and monotonic ticks.
/// </summary>
[Collection(WhatsAppCollection.Name)]
public sealed class WhatsAppSendTests(WhatsAppFixture api)
{
    private static string Messages(Guid customerId) => $"/api/whatsapp/customers/{customerId}/messages";

    /// <summary>A customer who wrote just now (so the window is open), and the admin's client.</summary>
    private async Task<(Business Business, ApiClient Admin, Guid CustomerId, string Phone)> CustomerWhoWroteAsync()
    {
        var (business, admin, _) = await api.NewWhatsAppBusinessAsync();
        var phone = CustomerApiExtensions.NextMobile();
        await WhatsAppFixture.AssertEmptyResponseAsync(await api.PostInboundAsync(WhatsAppFixture.NewMessageSid(), phone, business.WhatsAppNumber!, "שלום"));
        var message = Assert.Single(await api.MessagesAsync(business.Id));
        return (business, admin, message.CustomerId!.Value, phone);
    }

    private async Task<WhatsAppMessage> EventuallyAsync(Guid businessId, Guid messageId, Func<WhatsAppMessage, bool> done, string what) =>
        await api.EventuallyAsync(async () => (await api.MessagesAsync(businessId)).SingleOrDefault(m => m.Id == messageId), done, what);

    [Fact]
    public async Task Free_text_inside_the_window_goes_through_Twilio_and_its_ticks_follow_sent_delivered_read()
    {
        var (business, admin, customerId, phone) = await CustomerWhoWroteAsync();

        var response = await admin.Http.PostAsJsonAsync(Messages(customerId), new { body = "נשמח לראותך מחר ב-10:00" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var sent = (await response.Content.ReadFromJsonAsync<WhatsAppMessageResponse>(JsonSerializerOptions.Web))!;
        Assert.Equal((WhatsAppDirection.Outbound, "נשמח לראותך מחר ב-10:00"), (sent.Direction, sent.Body));
        var send = api.Messages.Sends.All.Single(s => s.To == "whatsapp:" + phone);
        Assert.Equal(("whatsapp:" + business.WhatsAppNumber, "נשמח לראותך מחר ב-10:00", null, true),
            (send.From, send.Body, send.ContentSid, send.SentCredentials));
        Assert.Equal($"{api.PublicHost}{WhatsAppWebhooks.StatusPath}?m={sent.Id:D}", send.StatusCallback);

        var read = await EventuallyAsync(business.Id, sent.Id, m => m.Status == WhatsAppStatus.Read, "the read tick");
        Assert.Equal(send.Sid, read.MessageSid);
        // The fake logs a callback once our answer is back, which can be just after the status was saved.
        var callbacks = await api.EventuallyAsync(() => Task.FromResult<List<(string MessageSid, string Status, int Answer)>?>(
            [.. api.Messages.Callbacks.All.Where(c => c.MessageSid == send.Sid)]), list => list.Count == 3, "the three callbacks' answers");
        Assert.Equal(["sent", "delivered", "read"], callbacks.Select(c => c.Status));
        Assert.All(callbacks, callback => Assert.Equal(200, callback.Answer));

        await using var db = api.CreateDbContext(business.Id);
        var timeline = await db.TimelineEvents.Where(e => e.Kind == "whatsapp").OrderBy(e => e.OccurredAt).Select(e => e.Title).ToListAsync();
        Assert.Equal(["הודעת WhatsApp נכנסת", "הודעת WhatsApp יוצאת"], timeline);
    }

    [Fact]
    public async Task Free_text_outside_the_window_is_409_needs_a_template_and_nothing_is_sent_or_stored()
    {
        var (business, admin, _) = await api.NewWhatsAppBusinessAsync();
        var phone = CustomerApiExtensions.NextMobile();
        var quiet = await admin.CreateCustomerAsync(new { name = "לא כתב מעולם", phone });

        var refused = await admin.Http.PostAsJsonAsync(Messages(quiet.Id), new { body = "היי" });

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        var problem = await refused.ProblemAsync();
        Assert.Equal(("needs a template", WhatsAppApi.NeedsTemplateType), (problem.GetProperty("title").GetString(), problem.GetProperty("type").GetString()));
        Assert.Empty(await api.MessagesAsync(business.Id));
        Assert.DoesNotContain(api.Messages.Sends.All, s => s.To == "whatsapp:" + phone);
    }

    [Fact]
    public async Task The_window_closes_24_hours_after_the_customers_last_message()
    {
        var (business, admin, customerId, _) = await CustomerWhoWroteAsync();
        await using (var db = api.CreateDbContext())
        {
            await db.WhatsAppMessages.IgnoreQueryFilters().Where(m => m.CustomerId == customerId)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.CreatedAt, DateTimeOffset.UtcNow.AddHours(-24).AddMinutes(-1)));
        }

        var refused = await admin.Http.PostAsJsonAsync(Messages(customerId), new { body = "עדיין כאן?" });

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var problem = await refused.ProblemAsync();
        Assert.True(problem.GetProperty("windowClosedAt").GetDateTimeOffset() < DateTimeOffset.UtcNow);
        var thread = await admin.Http.GetFromJsonAsync<WhatsAppThreadPage>(Messages(customerId), JsonSerializerOptions.Web);
        Assert.False(thread!.Window.Open);
        Assert.Single(await api.MessagesAsync(business.Id));
    }

    [Fact]
    public async Task A_template_can_be_sent_outside_the_window_with_its_content_sid_and_variables()
    {
        var (business, admin, _) = await api.NewWhatsAppBusinessAsync();
        var phone = CustomerApiExtensions.NextMobile();
        var customer = await admin.CreateCustomerAsync(new { name = "תבנית", phone });
        var contentSid = "HX" + new string('b', 32);
        // The fake account lists no templates of its own, so the business's configured ones are what may be sent.
        Assert.Equal(HttpStatusCode.OK, (await admin.Http.PutAsJsonAsync("/api/whatsapp/settings", new
        {
            senderNumber = business.WhatsAppNumber,
            templates = new[] { new { id = contentSid, name = "תזכורת פגישה", body = "שלום {{1}}, נקבעה לך פגישה ב-{{2}}" } },
        })).StatusCode);

        var response = await admin.Http.PostAsJsonAsync(Messages(customer.Id),
            new { templateId = contentSid, variables = new Dictionary<string, string> { ["1"] = "תבנית", ["2"] = "יום ג׳ 10:00" } });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var sent = (await response.Content.ReadFromJsonAsync<WhatsAppMessageResponse>(JsonSerializerOptions.Web))!;
        var send = api.Messages.Sends.All.Single(s => s.To == "whatsapp:" + phone);
        Assert.Equal((contentSid, (string?)null), (send.ContentSid, send.Body));
        var variables = JsonSerializer.Deserialize<Dictionary<string, string>>(send.ContentVariables!);
        Assert.Equal(new Dictionary<string, string> { ["1"] = "תבנית", ["2"] = "יום ג׳ 10:00" }, variables);
        await EventuallyAsync(business.Id, sent.Id, m => m.Status == WhatsAppStatus.Read, "the template's read tick");
    }

    [Fact]
    public async Task A_retry_with_the_same_Idempotency_Key_sends_once_and_answers_the_same_message()
    {
        var (business, admin, customerId, phone) = await CustomerWhoWroteAsync();
        var key = Guid.NewGuid().ToString();

        async Task<HttpResponseMessage> SendAsync()
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, Messages(customerId)) { Content = JsonContent.Create(new { body = "פעם אחת בלבד" }) };
            request.Headers.Add(WhatsAppApi.IdempotencyHeader, key);
            return await admin.Http.SendAsync(request);
        }
        var first = await SendAsync();
        var again = await Task.WhenAll(SendAsync(), SendAsync());

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.All(again, response => Assert.Equal(HttpStatusCode.OK, response.StatusCode));
        var id = (await first.Content.ReadFromJsonAsync<WhatsAppMessageResponse>(JsonSerializerOptions.Web))!.Id;
        foreach (var response in again)
        {
            Assert.Equal(id, (await response.Content.ReadFromJsonAsync<WhatsAppMessageResponse>(JsonSerializerOptions.Web))!.Id);
        }
        Assert.Single(api.Messages.Sends.All, s => s.To == "whatsapp:" + phone);
        Assert.Single(await api.MessagesAsync(business.Id), m => m.Direction == WhatsAppDirection.Outbound);

        using var other = new HttpRequestMessage(HttpMethod.Post, Messages(customerId)) { Content = JsonContent.Create(new { body = "הודעה אחרת" }) };
        other.Headers.Add(WhatsAppApi.IdempotencyHeader, key);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await admin.Http.SendAsync(other)).StatusCode);
    }

    [Fact]
    public async Task A_refused_send_is_stored_failed_with_Twilios_code_and_a_Hebrew_explanation_and_can_be_retried()
    {
        var (business, admin, customerId, phone) = await CustomerWhoWroteAsync();
        api.Messages.RefuseNext(63003, "Channel could not find To address");

        var response = await admin.Http.PostAsJsonAsync(Messages(customerId), new { body = "ניסיון" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var failed = (await response.Content.ReadFromJsonAsync<WhatsAppMessageResponse>(JsonSerializerOptions.Web))!;
        Assert.Equal((WhatsAppStatus.Failed, 63003, "המספר אינו רשום ב-WhatsApp."), (failed.Status, failed.ErrorCode, failed.ErrorMessage));

        var retried = await admin.Http.PostAsync($"{Messages(customerId)}/{failed.Id}/retry", null);

        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        var read = await EventuallyAsync(business.Id, failed.Id, m => m.Status == WhatsAppStatus.Read, "the retried message's read tick");
        Assert.Equal(((int?)null, (string?)null), (read.ErrorCode, read.ErrorMessage));
        Assert.Equal([400, 201], api.Messages.Sends.All.Where(s => s.To == "whatsapp:" + phone).Select(s => s.Status));
        // Only a failed message can be retried.
        Assert.Equal(HttpStatusCode.Conflict, (await admin.Http.PostAsync($"{Messages(customerId)}/{failed.Id}/retry", null)).StatusCode);
    }

    [Fact]
    public async Task Status_callbacks_only_move_forward_and_repeat_harmlessly()
    {
        var (business, admin, customerId, _) = await CustomerWhoWroteAsync();
        api.Messages.CallbackStatuses = [];
        var sent = (await (await admin.Http.PostAsJsonAsync(Messages(customerId), new { body = "תקתוקים" }))
            .Content.ReadFromJsonAsync<WhatsAppMessageResponse>(JsonSerializerOptions.Web))!;
        var sid = (await api.MessagesAsync(business.Id)).Single(m => m.Id == sent.Id).MessageSid!;
        api.Messages.CallbackStatuses = ["sent", "delivered", "read"];

        async Task<WhatsAppStatus> StatusAfterAsync(string status, int? errorCode = null)
        {
            var response = await api.PostStatusAsync(sid, status, errorCode);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return (await api.MessageBySidAsync(sid))!.Status;
        }
        Assert.Equal(WhatsAppStatus.Read, await StatusAfterAsync("read"));
        Assert.Equal(WhatsAppStatus.Read, await StatusAfterAsync("delivered"));
        Assert.Equal(WhatsAppStatus.Read, await StatusAfterAsync("sent"));
        Assert.Equal(WhatsAppStatus.Read, await StatusAfterAsync("read"));
        Assert.Equal(WhatsAppStatus.Read, await StatusAfterAsync("queued"));

        var forged = await api.PostStatusAsync(sid, "undelivered", 30008, signature: "Zm9yZ2Vk");
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.Equal(WhatsAppStatus.Read, (await api.MessageBySidAsync(sid))!.Status);

        // A status for a message we never sent is acknowledged and changes nothing.
        Assert.Equal(HttpStatusCode.OK, (await api.PostStatusAsync(WhatsAppFixture.NewMessageSid(), "delivered")).StatusCode);
    }

    [Fact]
    public async Task Undelivered_is_terminal_and_carries_Twilios_code()
    {
        var (business, admin, customerId, _) = await CustomerWhoWroteAsync();
        api.Messages.CallbackStatuses = [];
        var sent = (await (await admin.Http.PostAsJsonAsync(Messages(customerId), new { body = "לא יגיע" }))
            .Content.ReadFromJsonAsync<WhatsAppMessageResponse>(JsonSerializerOptions.Web))!;
        var sid = (await api.MessagesAsync(business.Id)).Single(m => m.Id == sent.Id).MessageSid!;
        api.Messages.CallbackStatuses = ["sent", "delivered", "read"];

        await api.PostStatusAsync(sid, "sent");
        await api.PostStatusAsync(sid, "undelivered", 63016);
        await api.PostStatusAsync(sid, "delivered");

        var message = (await api.MessageBySidAsync(sid))!;
        Assert.Equal((WhatsAppStatus.Undelivered, 63016), (message.Status, message.ErrorCode));
        Assert.StartsWith("ההודעה מחוץ לחלון 24 השעות", message.ErrorMessage);
    }

    [Fact]
    public async Task Bad_sends_are_problems_not_errors()
    {
        var (_, admin, customerId, _) = await CustomerWhoWroteAsync();

        Assert.Equal(HttpStatusCode.BadRequest, (await admin.Http.PostAsJsonAsync(Messages(customerId), new { })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.Http.PostAsJsonAsync(Messages(customerId), new { body = "x", templateId = "HX" + new string('c', 32) })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.Http.PostAsJsonAsync(Messages(customerId), new { templateId = "not-a-sid" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.Http.PostAsJsonAsync(Messages(customerId), new { body = new string('א', 5000) })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.Http.PostAsJsonAsync(Messages(Guid.NewGuid()), new { body = "למי?" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.Http.GetAsync($"{Messages(customerId)}?cursor=garbage")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.Http.GetAsync($"{Messages(customerId)}?limit=0")).StatusCode);
    }

    [Fact]
    public async Task The_thread_pages_newest_first_by_keyset()
    {
        var (business, admin, _) = await api.NewWhatsAppBusinessAsync();
        var phone = CustomerApiExtensions.NextMobile();
        for (var i = 0; i < 5; i++)
        {
            await WhatsAppFixture.AssertEmptyResponseAsync(await api.PostInboundAsync(WhatsAppFixture.NewMessageSid(), phone, business.WhatsAppNumber!, $"הודעה {i}"));
        }
        var customerId = (await api.MessagesAsync(business.Id)).First().CustomerId!.Value;

        var bodies = new List<string?>();
        string? cursor = null;
        do
        {
            var page = await admin.Http.GetFromJsonAsync<WhatsAppThreadPage>(
                $"{Messages(customerId)}?limit=2" + (cursor is null ? "" : $"&cursor={cursor}"), JsonSerializerOptions.Web);
            Assert.True(page!.Items.Count <= 2);
            bodies.AddRange(page.Items.Select(m => m.Body));
            cursor = page.NextCursor;
        }
        while (cursor is not null);

        Assert.Equal(["הודעה 4", "הודעה 3", "הודעה 2", "הודעה 1", "הודעה 0"], bodies);
    }
}
