using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using AgentLocator.Api.Accounts;
using AgentLocator.Api.Tests.Infrastructure;
using AgentLocator.Api.Tests.WhatsApp;
using Microsoft.EntityFrameworkCore;

namespace AgentLocator.Api.Tests.Accounts;

/// <summary>
/// An admin sends an invitation by SMS: the real Twilio client posts the Messages form to the fake Twilio, whose body
/// carries the one-time link; the invitee follows it, sets a password and is signed in. (The WhatsApp collection's
/// stack is the one with the fake Twilio's REST API configured.)
/// </summary>
[Collection(WhatsAppCollection.Name)]
public sealed partial class InvitationSmsTests(WhatsAppFixture api)
{
    [GeneratedRegex(@"(?<url>https?://\S+/invite/(?<token>[A-Za-z0-9_-]{43}))")]
    private static partial Regex InvitationLink();

    [Fact]
    public async Task An_SMS_invitation_reaches_Twilio_with_the_link_and_the_link_sets_a_password_and_signs_in()
    {
        var (business, adminUser) = await api.CreateBusinessAsync();
        var businessNumber = "+9723" + Random.Shared.Next(1_000_000, 9_999_999);
        await using (var db = api.CreateDbContext())
        {
            var row = await db.Businesses.SingleAsync(b => b.Id == business.Id);
            row.TwilioNumber = businessNumber;
            await db.SaveChangesAsync();
        }
        using var admin = new ApiClient(api);
        await admin.SignInAsync(adminUser.Email);
        var phone = CustomerApiExtensions.NextMobile();

        var response = await admin.Http.PostAsJsonAsync("/api/admin/invitations", new { phone, role = "agent", sendSms = true });

        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var invitation = (await response.Content.ReadFromJsonAsync<InvitationResponse>(JsonSerializerOptions.Web))!;
        Assert.True(invitation.SmsSent, invitation.SmsProblem);
        var sms = Assert.Single(api.Messages.Sends.All, send => send.To == phone);
        Assert.Equal(api.Fakes.Twilio.AccountSid, sms.AccountSid);
        Assert.True(sms.SentCredentials);
        Assert.Equal(businessNumber, sms.From);
        Assert.Contains(business.Name, sms.Body);
        var link = InvitationLink().Match(sms.Body!);
        Assert.True(link.Success, sms.Body);
        Assert.Equal(invitation.Url, link.Groups["url"].Value);
        Assert.StartsWith(api.PublicHost + "/invite/", link.Groups["url"].Value);

        // The invitee opens the link: it was sent to a phone, so the page asks for the email to sign in with.
        var email = $"sms-{Guid.NewGuid():N}@test.local";
        var (agent, auth) = await api.AcceptedAsync(link.Groups["token"].Value, "סוכנת מהודעה", email);

        Assert.Equal("agent", auth.User.Role);
        Assert.Equal(business.Id, auth.User.BusinessId);
        Assert.Equal(HttpStatusCode.OK, (await agent.Http.GetAsync("/api/me")).StatusCode);
        await new ApiClient(api).SignInAsync(email, AccountsTestSupport.StrongPassword);
    }
}
