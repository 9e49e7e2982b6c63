using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AgentLocator.Api.Integrations.WebPush;
using AgentLocator.Api.Notifications;
using AgentLocator.Api.Tests.Infrastructure;
using AgentLocator.Grains.Data;
using AgentLocator.Grains.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace AgentLocator.Api.Tests.Notifications;

[Collection(NotificationsCollection.Name)]
public sealed class SubscribeApiTests(NotificationsApiFactory api, FakePushService push)
{
    private async Task<(User User, ApiClient Client)> SignedInAgentAsync(string? businessName = null)
    {
        businessName ??= DevelopmentSeed.DemoBusinessName;
        var user = await api.CreateUserAsync(businessName);
        var client = new ApiClient(api);
        await client.SignInAsync(user.Email);
        return (user, client);
    }

    private async Task<List<PushSubscription>> RowsForAsync(string endpoint)
    {
        await using var db = api.CreateDbContext();
        return await db.PushSubscriptions.IgnoreQueryFilters().Where(s => s.Endpoint == endpoint).ToListAsync();
    }

    private static Task<HttpResponseMessage> UnsubscribeAsync(ApiClient client, string endpoint) =>
        client.Http.SendAsync(new HttpRequestMessage(HttpMethod.Delete, "/api/notifications/subscribe")
        {
            Content = JsonContent.Create(new { endpoint }),
        });

    [Fact]
    public async Task The_public_key_is_the_65_byte_point_of_the_configured_private_key()
    {
        var (_, client) = await SignedInAgentAsync();

        var response = await client.Http.GetFromJsonAsync<VapidPublicKeyResponse>("/api/notifications/vapid-public-key", JsonSerializerOptions.Web);

        Assert.True(Base64UrlBytes.TryDecode(response!.PublicKey, out var point));
        Assert.Equal(65, point.Length);
        Assert.Equal(0x04, point[0]);
        using var configured = TestKeys.ImportPrivateKey(Base64UrlBytes.Decode(api.VapidPrivateKey, "private key"));
        Assert.Equal(TestKeys.ExportPublicKey(configured), point);
    }

    [Fact]
    public async Task Subscribing_creates_once_and_the_same_endpoint_again_updates_the_keys()
    {
        var (user, client) = await SignedInAgentAsync();
        using var browser = push.Subscribe();
        using var renewed = push.Subscribe();
        var expiry = DateTimeOffset.UtcNow.AddDays(30);

        var created = await client.Http.PostAsJsonAsync("/api/notifications/subscribe", browser.ToJson());
        // The browser renewed its keys for the same endpoint.
        var renewedBody = JsonSerializer.SerializeToNode(renewed.ToJson(expiry.ToUnixTimeMilliseconds()))!;
        renewedBody["endpoint"] = browser.Endpoint.ToString();
        var updated = await client.Http.PostAsJsonAsync("/api/notifications/subscribe", renewedBody);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        var first = await created.Content.ReadFromJsonAsync<PushSubscriptionResponse>(JsonSerializerOptions.Web);
        var second = await updated.Content.ReadFromJsonAsync<PushSubscriptionResponse>(JsonSerializerOptions.Web);
        Assert.Equal(first!.Id, second!.Id);
        var row = Assert.Single(await RowsForAsync(browser.Endpoint.ToString()));
        Assert.Equal(user.Id, row.UserId);
        Assert.Equal(renewedBody["keys"]!["p256dh"]!.GetValue<string>(), row.P256dh);
        Assert.Equal(expiry.ToUnixTimeMilliseconds(), row.ExpiresAt!.Value.ToUnixTimeMilliseconds());
    }

    [Fact]
    public async Task An_endpoint_subscribed_by_someone_else_moves_to_the_caller_even_across_businesses()
    {
        var (previous, previousClient) = await SignedInAgentAsync();
        var (business, _) = await api.CreateBusinessAsync();
        var (current, currentClient) = await SignedInAgentAsync(business.Name);
        using var browser = push.Subscribe();

        Assert.Equal(HttpStatusCode.Created, (await previousClient.Http.PostAsJsonAsync("/api/notifications/subscribe", browser.ToJson())).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await currentClient.Http.PostAsJsonAsync("/api/notifications/subscribe", browser.ToJson())).StatusCode);

        var row = Assert.Single(await RowsForAsync(browser.Endpoint.ToString()));
        Assert.Equal(current.Id, row.UserId);
        Assert.Equal(business.Id, row.BusinessId);
        Assert.Equal(HttpStatusCode.NotFound, (await UnsubscribeAsync(previousClient, browser.Endpoint.ToString())).StatusCode);
        Assert.NotEqual(previous.Id, row.UserId);
    }

    [Fact]
    public async Task Invalid_subscriptions_are_refused_naming_each_bad_field()
    {
        var (_, client) = await SignedInAgentAsync();
        var offCurve = new byte[65];
        offCurve[0] = 0x04;
        offCurve.AsSpan(1).Fill(0x01);

        var response = await client.Http.PostAsJsonAsync("/api/notifications/subscribe", new
        {
            endpoint = "ftp://push.example/1",
            expirationTime = (double?)null,
            keys = new { p256dh = Base64UrlBytes.Encode(offCurve), auth = Base64UrlBytes.Encode(new byte[15]) },
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.ProblemAsync()).GetProperty("errors");
        Assert.Equal(["endpoint", "keys.auth", "keys.p256dh"], errors.EnumerateObject().Select(e => e.Name).Order());
    }

    [Theory]
    [InlineData("http://push.example/{id}", true)]
    [InlineData("/push/{id}", true)]
    [InlineData("https://push.example/{id}", false)]
    [InlineData("http://127.0.0.1:9/push/{id}", false)]
    public async Task Endpoints_must_be_https_except_on_this_machine(string endpoint, bool refused)
    {
        var (_, client) = await SignedInAgentAsync();
        using var browser = push.Subscribe();
        var body = JsonSerializer.SerializeToNode(browser.ToJson())!;
        body["endpoint"] = endpoint.Replace("{id}", Guid.NewGuid().ToString("N"));

        var response = await client.Http.PostAsJsonAsync("/api/notifications/subscribe", body);

        Assert.Equal(refused ? HttpStatusCode.BadRequest : HttpStatusCode.Created, response.StatusCode);
        if (refused)
        {
            Assert.Equal(["endpoint"], (await response.ProblemAsync()).GetProperty("errors").EnumerateObject().Select(e => e.Name));
        }
    }

    [Fact]
    public async Task Missing_keys_are_named_too()
    {
        var (_, client) = await SignedInAgentAsync();

        var response = await client.Http.PostAsJsonAsync("/api/notifications/subscribe", new { endpoint = "https://push.example/" + Guid.NewGuid() });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.ProblemAsync()).GetProperty("errors");
        Assert.Equal(["keys.auth", "keys.p256dh"], errors.EnumerateObject().Select(e => e.Name).Order());
    }

    [Fact]
    public async Task Unsubscribing_deletes_the_callers_subscription_once()
    {
        var (_, client) = await SignedInAgentAsync();
        var (_, colleague) = await SignedInAgentAsync();
        using var browser = push.Subscribe();
        await client.Http.PostAsJsonAsync("/api/notifications/subscribe", browser.ToJson());

        Assert.Equal(HttpStatusCode.NotFound, (await UnsubscribeAsync(colleague, browser.Endpoint.ToString())).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await UnsubscribeAsync(client, browser.Endpoint.ToString())).StatusCode);
        Assert.Empty(await RowsForAsync(browser.Endpoint.ToString()));
        var again = await UnsubscribeAsync(client, browser.Endpoint.ToString());
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Equal("application/problem+json", again.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Every_endpoint_requires_a_signed_in_user()
    {
        using var anonymous = new ApiClient(api);
        using var browser = push.Subscribe();

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.Http.GetAsync("/api/notifications/vapid-public-key")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.Http.PostAsJsonAsync("/api/notifications/subscribe", browser.ToJson())).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await UnsubscribeAsync(anonymous, browser.Endpoint.ToString())).StatusCode);
        Assert.Empty(await RowsForAsync(browser.Endpoint.ToString()));
    }
}
