using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AgentLocator.Api.Tests.Infrastructure;
using AgentLocator.Api.Tests.Timeline;
using AgentLocator.Api.WhatsApp;
using AgentLocator.Grains.Data.Entities;
using AgentLocator.Grains.Features;

namespace AgentLocator.Api.Tests.WhatsApp;

/// <summary>The inbox over real HTTP: conversations with unread counts, mark read, assignment, paging, tenancy and the feature gate.</summary>
[Collection(WhatsAppCollection.Name)]
public sealed class WhatsAppInboxTests(WhatsAppFixture api)
{
    private const string Conversations = "/api/whatsapp/conversations";

    private async Task<Guid> InboundAsync(Business business, string phone, string body, string profileName = "דנה")
    {
        await WhatsAppFixture.AssertEmptyResponseAsync(await api.PostInboundAsync(WhatsAppFixture.NewMessageSid(), phone, business.WhatsAppNumber!, body, profileName));
        return (await api.MessagesAsync(business.Id)).Last(m => m.From == phone).CustomerId!.Value;
    }

    private static async Task<WhatsAppConversationsPage> PageAsync(ApiClient client, string query = "")
    {
        var response = await client.Http.GetAsync(Conversations + query);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<WhatsAppConversationsPage>(JsonSerializerOptions.Web))!;
    }

    [Fact]
    public async Task Conversations_come_newest_first_with_the_last_message_and_unread_counts_that_move_with_inbound_and_read()
    {
        var (business, admin, _) = await api.NewWhatsAppBusinessAsync();
        var dana = await InboundAsync(business, CustomerApiExtensions.NextMobile(), "שלום", "דנה");
        await InboundAsync(business, (await api.MessagesAsync(business.Id)).Single().From, "יש לכם דירה בחיפה?", "דנה");
        var yossiPhone = CustomerApiExtensions.NextMobile();
        var yossi = await InboundAsync(business, yossiPhone, "בוקר טוב", "יוסי");

        var page = await PageAsync(admin);

        Assert.Equal([yossi, dana], page.Items.Select(row => row.CustomerId));
        Assert.Null(page.NextCursor);
        var danaRow = page.Items[1];
        Assert.Equal("דנה", danaRow.CustomerName);
        Assert.Equal(2, danaRow.Unread);
        Assert.Equal("יש לכם דירה בחיפה?", danaRow.LastMessage.Preview);
        Assert.Equal(WhatsAppDirection.Inbound, danaRow.LastMessage.Direction);
        Assert.Null(danaRow.Assignee);
        Assert.Equal(yossiPhone, page.Items[0].Phone);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.Http.PostAsync($"/api/whatsapp/customers/{dana}/read", null)).StatusCode);
        page = await PageAsync(admin);
        Assert.Equal(0, page.Items.Single(row => row.CustomerId == dana).Unread);
        Assert.Equal(1, page.Items.Single(row => row.CustomerId == yossi).Unread);

        // Read for the business: another user sees it read too; a new inbound message is unread again and moves the row up.
        var (agent, _) = await api.UserAsync(business);
        await InboundAsync(business, (await api.MessagesAsync(business.Id)).First().From, "עוד שאלה", "דנה");
        page = await PageAsync(agent);
        Assert.Equal(dana, page.Items[0].CustomerId);
        Assert.Equal(1, page.Items[0].Unread);

        // Our own reply is the last message but never counts as unread.
        var reply = await admin.Http.PostAsJsonAsync($"/api/whatsapp/customers/{dana}/messages", new { body = "כן, יש" });
        Assert.Equal(HttpStatusCode.Created, reply.StatusCode);
        page = await PageAsync(admin);
        Assert.Equal(WhatsAppDirection.Outbound, page.Items[0].LastMessage.Direction);
        Assert.Equal("כן, יש", page.Items[0].LastMessage.Preview);
        Assert.Equal(1, page.Items[0].Unread);
    }

    [Fact]
    public async Task Search_matches_name_or_phone_and_paging_walks_every_conversation_once()
    {
        var (business, admin, _) = await api.NewWhatsAppBusinessAsync();
        var phones = Enumerable.Range(0, 5).Select(_ => CustomerApiExtensions.NextMobile()).ToList();
        var ids = new List<Guid>();
        for (var i = 0; i < phones.Count; i++)
        {
            ids.Add(await InboundAsync(business, phones[i], "הודעה " + i, i == 3 ? "מרים כהן" : "לקוח " + i));
        }

        var seen = new List<Guid>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await PageAsync(admin, "?limit=2" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor)));
            Assert.True(page.Items.Count <= 2);
            seen.AddRange(page.Items.Select(row => row.CustomerId));
            cursor = page.NextCursor;
            pages++;
        }
        while (cursor is not null && pages < 10);
        Assert.Equal(3, pages);
        Assert.Equal(Enumerable.Reverse(ids), seen);

        Assert.Equal([ids[3]], (await PageAsync(admin, "?q=" + Uri.EscapeDataString("כהן"))).Items.Select(row => row.CustomerId));
        var national = "0" + phones[1][4..];
        Assert.Equal([ids[1]], (await PageAsync(admin, "?q=" + Uri.EscapeDataString(national))).Items.Select(row => row.CustomerId));

        foreach (var bad in new[] { "?limit=0", "?limit=abc", "?filter=everyone", "?cursor=nonsense" })
        {
            var response = await admin.Http.GetAsync(Conversations + bad);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task Assignment_takes_a_user_of_the_business_and_drives_the_mine_and_unassigned_filters()
    {
        var (business, admin, adminUser) = await api.NewWhatsAppBusinessAsync();
        var (agent, agentUser) = await api.UserAsync(business);
        var (_, _, strangerUser) = await api.NewWhatsAppBusinessAsync();
        var first = await InboundAsync(business, CustomerApiExtensions.NextMobile(), "א");
        var second = await InboundAsync(business, CustomerApiExtensions.NextMobile(), "ב");

        var assigned = await admin.Http.PutAsJsonAsync($"/api/whatsapp/customers/{first}/assignee", new { assigneeId = agentUser.Id });
        Assert.Equal(HttpStatusCode.OK, assigned.StatusCode);
        var body = (await assigned.Content.ReadFromJsonAsync<WhatsAppAssigneeResponse>(JsonSerializerOptions.Web))!;
        Assert.Equal(agentUser.Id, body.Assignee?.Id);

        Assert.Equal([first], (await PageAsync(agent, "?filter=mine")).Items.Select(row => row.CustomerId));
        Assert.Empty((await PageAsync(admin, "?filter=mine")).Items);
        Assert.Equal([second], (await PageAsync(admin, "?filter=unassigned")).Items.Select(row => row.CustomerId));
        Assert.Equal(agentUser.Id, (await PageAsync(admin)).Items.Single(row => row.CustomerId == first).Assignee?.Id);

        // A user of another business, or no user at all: 422, and the assignment stays.
        foreach (var wrong in new[] { strangerUser.Id, Guid.NewGuid() })
        {
            var refused = await admin.Http.PutAsJsonAsync($"/api/whatsapp/customers/{first}/assignee", new { assigneeId = wrong });
            Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        }
        Assert.Equal(agentUser.Id, (await PageAsync(admin)).Items.Single(row => row.CustomerId == first).Assignee?.Id);

        // Null unassigns; marking read keeps the assignment (the two share one row).
        Assert.Equal(HttpStatusCode.OK, (await admin.Http.PutAsJsonAsync($"/api/whatsapp/customers/{second}/assignee", new { assigneeId = adminUser.Id })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.Http.PostAsync($"/api/whatsapp/customers/{second}/read", null)).StatusCode);
        Assert.Equal([second], (await PageAsync(admin, "?filter=mine")).Items.Select(row => row.CustomerId));
        Assert.Equal(HttpStatusCode.OK, (await admin.Http.PutAsJsonAsync($"/api/whatsapp/customers/{first}/assignee", new { assigneeId = (Guid?)null })).StatusCode);
        Assert.Equal([first], (await PageAsync(admin, "?filter=unassigned")).Items.Select(row => row.CustomerId));

        var agents = await admin.Http.GetFromJsonAsync<WhatsAppAgentsResponse>("/api/whatsapp/agents", JsonSerializerOptions.Web);
        Assert.Equal(new[] { adminUser.Id, agentUser.Id }.Order(), agents!.Items.Select(a => a.Id).Order());
        var sender = await agent.Http.GetFromJsonAsync<WhatsAppSenderState>("/api/whatsapp/sender", JsonSerializerOptions.Web);
        Assert.True(sender!.HasSender);
    }

    [Fact]
    public async Task Another_business_sees_none_of_it_and_users_without_the_feature_get_the_uniform_403()
    {
        var (business, _, _) = await api.NewWhatsAppBusinessAsync();
        var (_, otherAdmin, _) = await api.NewWhatsAppBusinessAsync();
        var customer = await InboundAsync(business, CustomerApiExtensions.NextMobile(), "פרטי");

        Assert.Empty((await PageAsync(otherAdmin)).Items);
        var foreignRead = await otherAdmin.Http.PostAsync($"/api/whatsapp/customers/{customer}/read", null);
        Assert.Equal(HttpStatusCode.NotFound, foreignRead.StatusCode);
        Assert.Equal("application/problem+json", foreignRead.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound,
            (await otherAdmin.Http.PutAsJsonAsync($"/api/whatsapp/customers/{customer}/assignee", new { assigneeId = (Guid?)null })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherAdmin.Http.PostAsync($"/api/whatsapp/customers/{Guid.NewGuid()}/read", null)).StatusCode);

        var (crmOnly, _) = await api.UserAsync(business, UserRoles.Agent, Feature.Crm, Feature.Calls);
        var answers = new[]
        {
            await crmOnly.Http.GetAsync(Conversations),
            await crmOnly.Http.PostAsync($"/api/whatsapp/customers/{customer}/read", null),
            await crmOnly.Http.PutAsJsonAsync($"/api/whatsapp/customers/{customer}/assignee", new { assigneeId = (Guid?)null }),
            await crmOnly.Http.GetAsync("/api/whatsapp/agents"),
            await crmOnly.Http.GetAsync("/api/whatsapp/sender"),
        };
        foreach (var answer in answers)
        {
            Assert.Equal(HttpStatusCode.Forbidden, answer.StatusCode);
            Assert.Equal("whatsapp", JsonDocument.Parse(await answer.Content.ReadAsStringAsync()).RootElement.GetProperty("feature").GetString());
        }
        // The refused read changed nothing: the message is still unread for the business.
        var (agent, _) = await api.UserAsync(business);
        Assert.Equal(1, (await PageAsync(agent)).Items.Single().Unread);
    }
}
