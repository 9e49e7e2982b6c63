using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AgentLocator.Api.Admin;
using AgentLocator.Api.Tests.Infrastructure;
using AgentLocator.Grains.Data;

namespace AgentLocator.Api.Tests.Admin;

[Collection(ApiCollection.Name)]
public sealed class AdminApiTests(AgentLocatorApiFactory api)
{
    [Fact]
    public async Task Agents_get_403_on_every_admin_route()
    {
        using var agent = new ApiClient(api);
        await agent.SignInAsync("agent@demo.local");

        var responses = new[]
        {
            await agent.Http.GetAsync("/api/admin/features"),
            await agent.Http.PutAsJsonAsync("/api/admin/features", new { features = new[] { "crm" } }),
            await agent.Http.GetAsync("/api/admin/users"),
            await agent.Http.PutAsJsonAsync($"/api/admin/users/{Guid.NewGuid()}/features", new { features = (string[]?)null }),
        };

        Assert.All(responses, response => Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode));
    }

    [Fact]
    public async Task Business_features_are_switched_within_the_plan_and_users_follow_them()
    {
        var (_, owner) = await api.CreateBusinessAsync();
        using var admin = new ApiClient(api);
        await admin.SignInAsync(owner.Email);

        var before = await admin.Http.GetFromJsonAsync<BusinessFeaturesResponse>("/api/admin/features", JsonSerializerOptions.Web);
        var put = await admin.Http.PutAsJsonAsync("/api/admin/features", new { features = new[] { "whatsapp", "crm" } });

        Assert.Equal(6, before!.Enabled.Count);
        Assert.Equal(6, before.Plan.Count);
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var after = (await put.Content.ReadFromJsonAsync<BusinessFeaturesResponse>(JsonSerializerOptions.Web))!;
        Assert.Equal(["crm", "whatsapp"], after.Enabled);
        Assert.Equal(before.Plan, after.Plan);
        var me = await admin.Http.GetFromJsonAsync<JsonElement>("/api/me");
        Assert.Equal(["crm", "whatsapp"], me.GetProperty("features").EnumerateArray().Select(f => f.GetString()));
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.Http.GetAsync("/api/calls/x")).StatusCode);
    }

    [Fact]
    public async Task Unknown_feature_names_are_400_naming_them()
    {
        using var admin = new ApiClient(api);
        await admin.SignInAsync("admin@demo.local");

        var response = await admin.Http.PutAsJsonAsync("/api/admin/features", new { features = new[] { "crm", "teleport" } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("teleport", (await response.ProblemAsync()).GetProperty("errors").GetProperty("features")[0].GetString());
    }

    [Fact]
    public async Task Users_list_shows_limits_and_effective_features_and_only_this_business()
    {
        var (_, owner) = await api.CreateBusinessAsync();
        using var admin = new ApiClient(api);
        await admin.SignInAsync(owner.Email);
        var business = await api.BusinessNamedAsync((await admin.Http.GetFromJsonAsync<JsonElement>("/api/me")).GetProperty("business").GetProperty("name").GetString()!);
        var agent = await api.CreateUserAsync(business.Name);

        var set = await admin.Http.PutAsJsonAsync($"/api/admin/users/{agent.Id}/features", new { features = new[] { "crm", "invoices" } });
        var users = await admin.Http.GetFromJsonAsync<List<AdminUserResponse>>("/api/admin/users", JsonSerializerOptions.Web);

        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        Assert.Equal(2, users!.Count);
        var listed = users.Single(u => u.Id == agent.Id);
        Assert.Equal(["crm", "invoices"], listed.FeatureLimits);
        Assert.Equal(["crm", "invoices"], listed.EffectiveFeatures);
        Assert.Null(users.Single(u => u.Id == owner.Id).FeatureLimits);
    }

    [Fact]
    public async Task Limiting_a_user_of_another_business_is_404()
    {
        using var admin = new ApiClient(api);
        await admin.SignInAsync("admin@other.local");
        var demoAgent = await api.CreateUserAsync(DevelopmentSeed.DemoBusinessName);

        var response = await admin.Http.PutAsJsonAsync($"/api/admin/users/{demoAgent.Id}/features", new { features = Array.Empty<string>() });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        using var victim = new ApiClient(api);
        await victim.SignInAsync(demoAgent.Email);
        Assert.Equal(HttpStatusCode.OK, (await victim.Http.GetAsync("/api/crm/customers")).StatusCode);
    }
}
