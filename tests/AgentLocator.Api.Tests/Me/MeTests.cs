using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AgentLocator.Api.Account;
using AgentLocator.Api.Tests.Infrastructure;
using AgentLocator.Grains.Data;
using AgentLocator.Grains.Features;

namespace AgentLocator.Api.Tests.Me;

[Collection(ApiCollection.Name)]
public sealed class MeTests(AgentLocatorApiFactory api)
{
    [Fact]
    public async Task Me_returns_the_user_their_business_and_the_plan_features()
    {
        using var client = new ApiClient(api);
        await client.SignInAsync("agent@demo.local");

        var me = await client.Http.GetFromJsonAsync<MeResponse>("/api/me", JsonSerializerOptions.Web);

        Assert.NotNull(me);
        Assert.Equal("agent@demo.local", me.User.Email);
        Assert.Equal(DevelopmentSeed.DemoBusinessName, me.Business.Name);
        Assert.Equal("Asia/Jerusalem", me.Business.TimeZone);
        Assert.StartsWith("+972", me.Business.TwilioNumber);
        Assert.Equal(FeatureNames.All.Order(), me.Features.Order());
    }

    [Fact]
    public async Task Effective_features_are_the_plan_narrowed_by_the_users_limits()
    {
        var (business, owner) = await api.CreateBusinessAsync();
        var limited = await api.CreateUserAsync(business.Name, featureLimits: [Feature.Crm, Feature.Calls, Feature.Invoices]);
        var unrestricted = await api.CreateUserAsync(business.Name);
        using var admin = new ApiClient(api);
        await admin.SignInAsync(owner.Email);
        // The plan lacks invoices: a user's limit cannot grant what the plan does not have.
        (await admin.Http.PutAsJsonAsync("/api/admin/features", new { features = new[] { "crm", "calls", "whatsapp", "contracts", "signatures" } }))
            .EnsureSuccessStatusCode();

        using var client = new ApiClient(api);
        await client.SignInAsync(limited.Email);
        var me = await client.Http.GetFromJsonAsync<MeResponse>("/api/me", JsonSerializerOptions.Web);
        Assert.Equal(["crm", "calls"], me!.Features);

        using var other = new ApiClient(api);
        await other.SignInAsync(unrestricted.Email);
        var full = await other.Http.GetFromJsonAsync<MeResponse>("/api/me", JsonSerializerOptions.Web);
        Assert.Equal(["crm", "calls", "whatsapp", "contracts", "signatures"], full!.Features);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("not-a-jwt")]
    [InlineData("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl")]
    public async Task Me_without_a_valid_token_is_401(string? token)
    {
        using var client = new ApiClient(api);
        client.UseToken(token);

        var response = await client.Http.GetAsync("/api/me");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
