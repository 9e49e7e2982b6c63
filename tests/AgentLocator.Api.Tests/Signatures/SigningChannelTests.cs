using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AgentLocator.Api.Signatures;
using AgentLocator.Api.Tests.Infrastructure;
using AgentLocator.Api.Tests.Invoices;
using AgentLocator.Api.WhatsApp;
using AgentLocator.Grains.Data.Entities;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace AgentLocator.Api.Tests.Signatures;

/// <summary>
/// How signing links travel: by WhatsApp (the fake Twilio receives the Messages form with <c>whatsapp:</c> addresses), only
/// inside the 24-hour window; and in ordered signing the next signer's link goes by the request's own channel.
/// </summary>
[Collection(SignaturesCollection.Name)]
public sealed class SigningChannelTests(SignaturesFixture api)
{
    private static readonly string SignaturePng = Convert.ToBase64String(PdfSig.SignaturePng);

    private async Task<(ApiClient Agent, Guid BusinessId, Guid CustomerId, string Sender)> NewWhatsAppBusinessAsync()
    {
        var (business, admin) = await api.CreateBusinessAsync();
        var sender = "+97233" + Random.Shared.Next(100000, 999999);
        await using (var db = api.CreateDbContext())
        {
            await db.Businesses.Where(b => b.Id == business.Id).ExecuteUpdateAsync(s => s.SetProperty(b => b.WhatsAppNumber, sender));
        }
        var agent = await api.SignedInAsync(admin);
        var customer = await agent.CreateCustomerAsync(new { name = "דנה לוי", phone = CustomerApiExtensions.NextMobile() });
        return (agent, business.Id, customer.Id, sender);
    }

    /// <summary>The signer wrote to the business on WhatsApp <paramref name="ago"/> (what the inbound webhook stores).</summary>
    private async Task WroteOnWhatsAppAsync(Guid businessId, Guid customerId, string from, string to, TimeSpan ago)
    {
        await using var db = api.CreateDbContext(businessId);
        var at = DateTimeOffset.UtcNow - ago;
        db.WhatsAppMessages.Add(new WhatsAppMessage
        {
            Id = Guid.CreateVersion7(), BusinessId = businessId, CustomerId = customerId, Direction = WhatsAppDirection.Inbound,
            MessageSid = "SM" + Guid.NewGuid().ToString("N"), From = from, To = to, Body = "שלום", Status = WhatsAppStatus.Received,
            CreatedAt = at, UpdatedAt = at,
        });
        await db.SaveChangesAsync();
    }

    private static async Task<SigningView> SignAsync(HttpClient signer, string token)
    {
        var response = await signer.PostAsJsonAsync($"/api/public/sign/{token}/sign", new { signaturePng = SignaturePng, consent = true });
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<SigningView>(JsonSerializerOptions.Web))!;
    }

    private static async Task<SignatureRequestResponse> GetAsync(ApiClient agent, Guid id) =>
        (await agent.Http.GetFromJsonAsync<SignatureRequestResponse>($"/api/signatures/requests/{id}", JsonSerializerOptions.Web))!;

    private string WhatsAppTokenSentTo(string phone) =>
        SignaturesFixture.TokenIn(api.Messages.Sends.All.Last(s => s.To == "whatsapp:" + phone && s.Body is not null && s.Body.Contains("/sign/")).Body!);

    [Fact]
    public async Task Inside_the_24_hour_window_the_link_goes_by_WhatsApp_as_Twilio_s_Messages_form()
    {
        var (agent, businessId, customerId, sender) = await NewWhatsAppBusinessAsync();
        var phone = CustomerApiExtensions.NextMobile();
        await WroteOnWhatsAppAsync(businessId, customerId, phone, sender, TimeSpan.FromHours(2));

        var created = await api.CreateRequestAsync(agent, customerId, [SignaturesFixture.SignerBody("דנה לוי", phone)], delivery: "whatsapp");
        Assert.Equal(SignatureStatuses.Sent, created.Status);
        Assert.Null(created.SmsProblems);

        var send = Assert.Single(api.Messages.Sends.All, s => s.To == "whatsapp:" + phone);
        Assert.Equal(201, send.Status);
        Assert.Equal("whatsapp:" + sender, send.From);
        Assert.True(send.SentCredentials);
        Assert.Null(send.ContentSid);
        Assert.Contains("הסכם שירות", send.Body);
        Assert.DoesNotContain(api.Messages.Sends.All, s => s.To == phone);
        using var signer = api.Signer();
        Assert.Equal(HttpStatusCode.OK, (await signer.GetAsync($"/api/public/sign/{WhatsAppTokenSentTo(phone)}")).StatusCode);
        Assert.Equal("WhatsApp", (await GetAsync(agent, created.Id)).Events.Single(e => e.Action == "sent").Detail);
    }

    [Fact]
    public async Task A_link_sent_by_WhatsApp_is_a_message_of_the_customer_s_WhatsApp_thread()
    {
        var (agent, businessId, customerId, sender) = await NewWhatsAppBusinessAsync();
        var phone = CustomerApiExtensions.NextMobile();
        await WroteOnWhatsAppAsync(businessId, customerId, phone, sender, TimeSpan.FromHours(2));

        await api.CreateRequestAsync(agent, customerId, [SignaturesFixture.SignerBody("דנה לוי", phone)], delivery: "whatsapp");

        var send = Assert.Single(api.Messages.Sends.All, s => s.To == "whatsapp:" + phone);
        var thread = (await agent.Http.GetFromJsonAsync<WhatsAppThreadPage>($"/api/whatsapp/customers/{customerId}/messages", JsonSerializerOptions.Web))!;
        var link = Assert.Single(thread.Items, m => m.Direction == WhatsAppDirection.Outbound);
        Assert.Equal(send.Body, link.Body);
        Assert.Contains("/sign/", link.Body);
        Assert.NotNull(link.SentByUserId);
        Assert.False(link.Status.IsFailure());
        // Stored to the signer's number, from the business's sender, with the SID Twilio gave it (its delivery ticks follow it).
        await using var db = api.CreateDbContext(businessId);
        var row = await db.WhatsAppMessages.AsNoTracking().SingleAsync(m => m.Id == link.Id);
        Assert.Equal((phone, sender), (row.To, row.From));
        Assert.NotNull(row.MessageSid);
    }

    [Fact]
    public async Task A_reminder_of_a_request_sent_by_WhatsApp_goes_by_WhatsApp_into_the_thread()
    {
        var (agent, businessId, customerId, sender) = await NewWhatsAppBusinessAsync();
        var phone = CustomerApiExtensions.NextMobile();
        await WroteOnWhatsAppAsync(businessId, customerId, phone, sender, TimeSpan.FromHours(2));
        var created = await api.CreateRequestAsync(agent, customerId, [SignaturesFixture.SignerBody("דנה לוי", phone)], delivery: "whatsapp");

        var reminded = await agent.Http.PostAsJsonAsync($"/api/signatures/requests/{created.Id}/remind", new { });

        Assert.True(reminded.StatusCode == HttpStatusCode.OK, await reminded.Content.ReadAsStringAsync());
        Assert.Null((await reminded.Content.ReadFromJsonAsync<SignatureRequestResponse>(JsonSerializerOptions.Web))!.SmsProblems);
        var sends = api.Messages.Sends.All.Where(s => s.To == "whatsapp:" + phone).ToList();
        Assert.Equal(2, sends.Count);
        Assert.StartsWith("תזכורת: ", sends[1].Body);
        Assert.Equal("whatsapp:" + sender, sends[1].From);
        Assert.DoesNotContain(api.Messages.Sends.All, s => s.To == phone);
        using var signer = api.Signer();
        Assert.Equal(HttpStatusCode.OK, (await signer.GetAsync($"/api/public/sign/{WhatsAppTokenSentTo(phone)}")).StatusCode);
        Assert.Equal("WhatsApp", (await GetAsync(agent, created.Id)).Events.Single(e => e.Action == "reminded").Detail);
        var thread = (await agent.Http.GetFromJsonAsync<WhatsAppThreadPage>($"/api/whatsapp/customers/{customerId}/messages", JsonSerializerOptions.Web))!;
        Assert.Contains(thread.Items, m => m.Direction == WhatsAppDirection.Outbound && m.Body == sends[1].Body);
    }

    [Fact]
    public async Task A_WhatsApp_reminder_outside_the_signer_s_window_is_refused_and_changes_nothing_while_an_SMS_request_s_goes_by_SMS()
    {
        var (agent, businessId, customerId, sender) = await NewWhatsAppBusinessAsync();
        var phone = CustomerApiExtensions.NextMobile();
        await WroteOnWhatsAppAsync(businessId, customerId, phone, sender, TimeSpan.FromHours(23.99));
        var created = await api.CreateRequestAsync(agent, customerId, [SignaturesFixture.SignerBody("דנה לוי", phone)], delivery: "whatsapp");
        await using (var db = api.CreateDbContext(businessId))
        {
            // A day on: the signer's last message is now more than 24 hours old.
            await db.WhatsAppMessages.Where(m => m.From == phone).ExecuteUpdateAsync(set => set.SetProperty(m => m.CreatedAt, m => m.CreatedAt.AddHours(-2)));
        }

        var refused = await agent.Http.PostAsJsonAsync($"/api/signatures/requests/{created.Id}/remind", new { });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Contains("24 השעות", (await refused.Content.ReadFromJsonAsync<ProblemDetails>(JsonSerializerOptions.Web))!.Title);
        Assert.Single(api.Messages.Sends.All, s => s.To == "whatsapp:" + phone);
        Assert.DoesNotContain(api.Messages.Sends.All, s => s.To == phone);
        Assert.DoesNotContain((await GetAsync(agent, created.Id)).Events, e => e.Action == "reminded");

        var bySms = await api.CreateRequestAsync(agent, customerId, [SignaturesFixture.SignerBody("דנה לוי", phone)], delivery: "sms");
        var smsReminder = await agent.Http.PostAsJsonAsync($"/api/signatures/requests/{bySms.Id}/remind", new { });
        Assert.Equal(HttpStatusCode.OK, smsReminder.StatusCode);
        Assert.Single(api.Messages.Sends.All, s => s.To == phone && s.Body!.StartsWith("תזכורת: ", StringComparison.Ordinal));
        Assert.Single(api.Messages.Sends.All, s => s.To == "whatsapp:" + phone);
        Assert.Equal("SMS", (await GetAsync(agent, bySms.Id)).Events.Single(e => e.Action == "reminded").Detail);
    }

    [Fact]
    public async Task Outside_the_window_WhatsApp_is_refused_with_a_Hebrew_422_and_nothing_is_sent()
    {
        var (agent, businessId, customerId, sender) = await NewWhatsAppBusinessAsync();
        var phone = CustomerApiExtensions.NextMobile();
        await WroteOnWhatsAppAsync(businessId, customerId, phone, sender, TimeSpan.FromHours(25));

        var response = await api.PostRequestAsync(agent, customerId, [SignaturesFixture.SignerBody("דנה לוי", phone)], delivery: "whatsapp");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = (await response.Content.ReadFromJsonAsync<ProblemDetails>(JsonSerializerOptions.Web))!;
        Assert.Contains("24 השעות", problem.Title);
        Assert.DoesNotContain(api.Messages.Sends.All, s => s.To == "whatsapp:" + phone || s.To == phone);
        // Refused before anything is made: no draft request is left behind.
        var requests = await agent.Http.GetFromJsonAsync<List<SignatureRequestListItem>>($"/api/customers/{customerId}/signature-requests",
            JsonSerializerOptions.Web);
        Assert.Empty(requests!);

        // A business without a WhatsApp sender is told so, in Hebrew, too.
        await using (var db = api.CreateDbContext())
        {
            await db.Businesses.Where(b => b.Id == businessId).ExecuteUpdateAsync(s => s.SetProperty(b => b.WhatsAppNumber, (string?)null));
        }
        var noSender = await api.PostRequestAsync(agent, customerId, [SignaturesFixture.SignerBody("דנה לוי", phone)], delivery: "whatsapp");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noSender.StatusCode);
        Assert.Contains("אין מספר WhatsApp", (await noSender.Content.ReadFromJsonAsync<ProblemDetails>(JsonSerializerOptions.Web))!.Title);

        var unknown = await api.PostRequestAsync(agent, customerId, [SignaturesFixture.SignerBody("דנה לוי", phone)], delivery: "fax");
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
    }

    [Fact]
    public async Task Twilio_refusing_the_WhatsApp_send_is_reported_to_the_agent()
    {
        var (agent, businessId, customerId, sender) = await NewWhatsAppBusinessAsync();
        var phone = CustomerApiExtensions.NextMobile();
        await WroteOnWhatsAppAsync(businessId, customerId, phone, sender, TimeSpan.FromMinutes(5));
        api.Messages.RefuseNext(63016, "Failed to send freeform message because you are outside the allowed window.");

        var created = await api.CreateRequestAsync(agent, customerId, [SignaturesFixture.SignerBody("דנה לוי", phone)], delivery: "whatsapp");
        Assert.Contains(created.SmsProblems!, problem => problem.Contains("24 השעות"));
    }

    [Fact]
    public async Task In_order_the_next_signer_gets_the_link_by_the_request_s_WhatsApp()
    {
        var (agent, businessId, customerId, sender) = await NewWhatsAppBusinessAsync();
        var (first, second) = (CustomerApiExtensions.NextMobile(), CustomerApiExtensions.NextMobile());
        await WroteOnWhatsAppAsync(businessId, customerId, first, sender, TimeSpan.FromHours(1));
        await WroteOnWhatsAppAsync(businessId, customerId, second, sender, TimeSpan.FromHours(1));
        var created = await api.CreateRequestAsync(agent, customerId,
            [SignaturesFixture.SignerBody("ראשון", first), SignaturesFixture.SignerBody("שנייה", second, SignerRoles.CoSigner)], ordered: true,
            delivery: "whatsapp");
        Assert.DoesNotContain(api.Messages.Sends.All, s => s.To == "whatsapp:" + second);

        using var phone = api.Signer();
        await SignAsync(phone, WhatsAppTokenSentTo(first));

        Assert.Single(api.Messages.Sends.All, s => s.To == "whatsapp:" + second);
        Assert.DoesNotContain(api.Messages.Sends.All, s => s.To == second);
        var next = await GetAsync(agent, created.Id);
        Assert.Equal(["WhatsApp", "WhatsApp"], next.Events.Where(e => e.Action == "sent").Select(e => e.Detail));
        using var secondPhone = api.Signer();
        Assert.Equal(SignatureStatuses.Signed, (await SignAsync(secondPhone, WhatsAppTokenSentTo(second))).RequestStatus);
    }

    [Fact]
    public async Task In_order_a_request_of_copied_links_sends_the_next_signer_nothing()
    {
        var (agent, _, customerId, _) = await NewWhatsAppBusinessAsync();
        var (first, second) = (CustomerApiExtensions.NextMobile(), CustomerApiExtensions.NextMobile());
        var created = await api.CreateRequestAsync(agent, customerId,
            [SignaturesFixture.SignerBody("ראשון", first), SignaturesFixture.SignerBody("שנייה", second, SignerRoles.CoSigner)], ordered: true,
            delivery: "link");
        var link = await agent.Http.PostAsync($"/api/signatures/requests/{created.Id}/signers/{created.Signers[0].Id}/link", null);
        var url = (await link.Content.ReadFromJsonAsync<SignerLinkResponse>(JsonSerializerOptions.Web))!.Url;
        using var phone = api.Signer();
        await SignAsync(phone, url[(url.LastIndexOf('/') + 1)..]);

        var next = await GetAsync(agent, created.Id);
        Assert.Equal([SignatureStatuses.Signed, SignatureStatuses.Sent], next.Signers.Select(s => s.Status));
        Assert.DoesNotContain(api.Messages.Sends.All, s => s.To == second || s.To == "whatsapp:" + second);
        var copied = await agent.Http.PostAsync($"/api/signatures/requests/{created.Id}/signers/{created.Signers[1].Id}/link", null);
        Assert.Equal(HttpStatusCode.OK, copied.StatusCode);
    }
}
