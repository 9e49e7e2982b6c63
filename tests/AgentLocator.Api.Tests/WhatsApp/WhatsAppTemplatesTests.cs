using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AgentLocator.Api.Tests.Infrastructure;
using AgentLocator.Api.WhatsApp;

namespace AgentLocator.Api.Tests.WhatsApp;

/// <summary>
/// The templates the composer offers: the Twilio account's, listed from the fake Content API through the SDK and kept
/// briefly; else the business's own, configured by an admin. A template send is checked against the list.
/// </summary>
[Collection(WhatsAppCollection.Name)]
public sealed class WhatsAppTemplatesTests(WhatsAppFixture api)
{
    private static string Messages(Guid customerId) => $"/api/whatsapp/customers/{customerId}/messages";

    [Fact]
    public async Task The_accounts_Content_templates_are_listed_kept_briefly_and_a_send_must_name_one_with_its_variables()
    {
        var content = api.Fakes.Twilio.Content;
        try
        {
            var reminder = content.Add("תזכורת פגישה", "שלום {{1}}, נתראה ב-{{2}}", new Dictionary<string, string> { ["2"] = "יום ג׳", ["1"] = "דנה" });
            var thanks = content.Add("תודה", "תודה שפנית אלינו!");
            var (business, admin, _) = await api.NewWhatsAppBusinessAsync();

            var list = await admin.Http.GetFromJsonAsync<WhatsAppTemplateList>("/api/whatsapp/templates", JsonSerializerOptions.Web);
            var listsAfterFirst = content.Lists;
            var again = await admin.Http.GetFromJsonAsync<WhatsAppTemplateList>("/api/whatsapp/templates", JsonSerializerOptions.Web);

            Assert.Equal(WhatsAppTemplates.FromTwilio, list!.Source);
            Assert.Equal([reminder.Sid, thanks.Sid], list.Items.Select(t => t.Id));
            var first = list.Items[0];
            Assert.Equal(("תזכורת פגישה", "שלום {{1}}, נתראה ב-{{2}}"), (first.Name, first.Body));
            Assert.Equal(["1", "2"], first.Variables);
            Assert.Empty(list.Items[1].Variables);
            Assert.Equal(listsAfterFirst, content.Lists);
            Assert.Equal(list.Items.Select(t => t.Id), again!.Items.Select(t => t.Id));

            var phone = CustomerApiExtensions.NextMobile();
            var customer = await admin.CreateCustomerAsync(new { name = "לקוחה", phone });
            var unknown = "HX" + new string('d', 32);
            var refused = await admin.Http.PostAsJsonAsync(Messages(customer.Id), new { templateId = unknown });
            Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
            Assert.Contains(unknown, await refused.Content.ReadAsStringAsync());
            var missing = await admin.Http.PostAsJsonAsync(Messages(customer.Id), new { templateId = reminder.Sid, variables = new Dictionary<string, string> { ["1"] = "דנה" } });
            Assert.Equal(HttpStatusCode.UnprocessableEntity, missing.StatusCode);
            Assert.Contains("{{2}}", await missing.Content.ReadAsStringAsync());
            Assert.Empty(await api.MessagesAsync(business.Id));

            var sent = await admin.Http.PostAsJsonAsync(Messages(customer.Id),
                new { templateId = reminder.Sid, variables = new Dictionary<string, string> { ["1"] = "דנה", ["2"] = "יום ג׳ 10:00" } });
            Assert.Equal(HttpStatusCode.Created, sent.StatusCode);
            Assert.Equal(reminder.Sid, api.Messages.Sends.All.Single(s => s.To == "whatsapp:" + phone).ContentSid);
        }
        finally
        {
            content.Reset();
        }
    }

    [Fact]
    public async Task Without_account_templates_the_business_offers_the_ones_its_admin_configured()
    {
        var (business, admin, _) = await api.NewWhatsAppBusinessAsync();
        var sid = "HX" + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray());

        var set = await admin.Http.PutAsJsonAsync("/api/whatsapp/settings", new
        {
            senderNumber = business.WhatsAppNumber,
            templates = new[] { new { id = sid, name = " חזרה ללקוח ", body = "שלום {{ name }}, חזרנו אליך לגבי {{1}} ({{name}})" } },
        });

        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        var settings = (await set.Content.ReadFromJsonAsync<WhatsAppSettingsResponse>(JsonSerializerOptions.Web))!;
        Assert.Equal("חזרה ללקוח", Assert.Single(settings.Templates).Name);
        var list = await admin.Http.GetFromJsonAsync<WhatsAppTemplateList>("/api/whatsapp/templates", JsonSerializerOptions.Web);
        Assert.Equal(WhatsAppTemplates.FromBusiness, list!.Source);
        var template = Assert.Single(list.Items);
        Assert.Equal((sid, "חזרה ללקוח"), (template.Id, template.Name));
        Assert.Equal(["name", "1"], template.Variables);

        // Leaving templates out keeps them; an empty list removes them; a bad one is a validation problem naming the field.
        Assert.Equal(HttpStatusCode.OK, (await admin.Http.PutAsJsonAsync("/api/whatsapp/settings", new { senderNumber = business.WhatsAppNumber })).StatusCode);
        Assert.Single((await admin.Http.GetFromJsonAsync<WhatsAppSettingsResponse>("/api/whatsapp/settings", JsonSerializerOptions.Web))!.Templates);
        var bad = await admin.Http.PutAsJsonAsync("/api/whatsapp/settings", new
        {
            senderNumber = business.WhatsAppNumber,
            templates = new[] { new { id = "HX123", name = "x", body = "y" }, new { id = sid, name = "", body = "y" } },
        });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = JsonDocument.Parse(await bad.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        Assert.True(errors.TryGetProperty("templates[0].id", out _));
        Assert.True(errors.TryGetProperty("templates[1].name", out _));
        Assert.Equal(HttpStatusCode.OK, (await admin.Http.PutAsJsonAsync("/api/whatsapp/settings", new { senderNumber = business.WhatsAppNumber, templates = Array.Empty<object>() })).StatusCode);
        Assert.Empty((await admin.Http.GetFromJsonAsync<WhatsAppTemplateList>("/api/whatsapp/templates", JsonSerializerOptions.Web))!.Items);
    }
}
