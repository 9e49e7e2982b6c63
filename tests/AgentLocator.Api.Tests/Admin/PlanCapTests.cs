using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AgentLocator.Api.Admin;
using AgentLocator.Api.Tests.Infrastructure;
using AgentLocator.Grains.Features;

namespace AgentLocator.Api.Tests.Admin;

/// <summary>The plan the operator set is a cap: an admin narrows within it and is refused, naming the feature, beyond it.</summary>
[Collection(ApiCollection.Name)]
public sealed class PlanCapTests(AgentLocatorApiFactory api)
{
    /// <summary>The signed-in admin of a new business with this plan.</summary>
    private async Task<ApiClient> AdminOfPlanAsync(params Feature[] plan)
    {
        var (_, owner) = await api.CreateBusinessAsync(plan);
        var admin = new ApiClient(api);
        await admin.SignInAsync(owner.Email);
        return admin;
    }

    private static async Task AssertRefusedNamingAsync(HttpResponseMessage response, params string[] features)
    {
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.ProblemAsync();
        Assert.Equal(AdminApi.OutsidePlanProblemType, problem.GetProperty("type").GetString());
        Assert.Equal(features, problem.GetProperty("features").EnumerateArray().Select(f => f.GetString()));
        Assert.All(features, feature => Assert.Contains(feature, problem.GetProperty("detail").GetString()));
    }

    [Fact]
    public async Task The_admin_sees_the_plan_and_what_of_it_is_on()
    {
        using var admin = await AdminOfPlanAsync(Feature.Calls, Feature.Crm);

        var features = await admin.Http.GetFromJsonAsync<BusinessFeaturesResponse>("/api/admin/features", JsonSerializerOptions.Web);

        Assert.Equal(["crm", "calls"], features!.Plan);
        Assert.Equal(["crm", "calls"], features.Enabled);
    }

    [Fact]
    public async Task Switching_on_a_feature_the_plan_lacks_is_409_naming_it_and_changes_nothing()
    {
        using var admin = await AdminOfPlanAsync(Feature.Crm, Feature.Calls);

        var response = await admin.Http.PutAsJsonAsync("/api/admin/features", new { features = new[] { "crm", "whatsapp", "invoices" } });

        await AssertRefusedNamingAsync(response, "whatsapp", "invoices");
        var features = await admin.Http.GetFromJsonAsync<BusinessFeaturesResponse>("/api/admin/features", JsonSerializerOptions.Web);
        Assert.Equal(["crm", "calls"], features!.Enabled);
        Assert.Equal(["crm", "calls"], (await admin.Http.GetFromJsonAsync<JsonElement>("/api/me")).GetProperty("features").EnumerateArray().Select(f => f.GetString()));
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.Http.GetAsync("/api/whatsapp/messages")).StatusCode);
    }

    [Fact]
    public async Task Narrowing_within_the_plan_and_widening_back_to_it_work()
    {
        using var admin = await AdminOfPlanAsync(Feature.Crm, Feature.Calls);

        var narrowed = await admin.Http.PutAsJsonAsync("/api/admin/features", new { features = new[] { "crm" } });
        Assert.Equal(HttpStatusCode.OK, narrowed.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.Http.GetAsync("/api/calls")).StatusCode);

        var restored = await admin.Http.PutAsJsonAsync("/api/admin/features", new { features = new[] { "calls", "crm" } });
        Assert.Equal(HttpStatusCode.OK, restored.StatusCode);
        Assert.Equal(["crm", "calls"], (await restored.Content.ReadFromJsonAsync<BusinessFeaturesResponse>(JsonSerializerOptions.Web))!.Enabled);
        Assert.Equal(HttpStatusCode.OK, (await admin.Http.GetAsync("/api/calls")).StatusCode);
    }

    [Fact]
    public async Task A_users_limit_naming_a_feature_the_plan_lacks_is_409_and_the_old_limit_stays()
    {
        using var admin = await AdminOfPlanAsync(Feature.Crm, Feature.Calls);
        var businessName = (await admin.Http.GetFromJsonAsync<JsonElement>("/api/me")).GetProperty("business").GetProperty("name").GetString()!;
        var agent = await api.CreateUserAsync(businessName, featureLimits: [Feature.Crm]);

        var response = await admin.Http.PutAsJsonAsync($"/api/admin/users/{agent.Id}/features", new { features = new[] { "crm", "signatures" } });

        await AssertRefusedNamingAsync(response, "signatures");
        var users = (await admin.Http.GetFromJsonAsync<List<AdminUserResponse>>("/api/admin/users", JsonSerializerOptions.Web))!;
        Assert.Equal(["crm"], users.Single(u => u.Id == agent.Id).FeatureLimits);
        Assert.Equal(["crm"], users.Single(u => u.Id == agent.Id).EffectiveFeatures);
    }

    [Fact]
    public async Task A_user_of_another_business_is_still_404_whatever_the_limits_name()
    {
        using var admin = await AdminOfPlanAsync(Feature.Crm);

        var response = await admin.Http.PutAsJsonAsync($"/api/admin/users/{Guid.NewGuid()}/features", new { features = new[] { "invoices" } });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task A_switch_left_over_from_a_bigger_plan_stays_off()
    {
        using var admin = await AdminOfPlanAsync(Feature.Crm, Feature.Calls);
        var businessName = (await admin.Http.GetFromJsonAsync<JsonElement>("/api/me")).GetProperty("business").GetProperty("name").GetString()!;
        // Limits stored before the plan shrank may name what the plan no longer has; the plan still decides.
        var agent = await api.CreateUserAsync(businessName, featureLimits: [Feature.Crm, Feature.Invoices]);
        using var client = new ApiClient(api);
        await client.SignInAsync(agent.Email);

        Assert.Equal(["crm"], (await client.Http.GetFromJsonAsync<JsonElement>("/api/me")).GetProperty("features").EnumerateArray().Select(f => f.GetString()));
        Assert.Equal(HttpStatusCode.Forbidden, (await client.Http.GetAsync("/api/invoices/1")).StatusCode);
    }
}
