using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AgentLocator.Api.Infrastructure.Entitlements;
using AgentLocator.Api.Tests.Infrastructure;
using AgentLocator.Grains.Data;
using AgentLocator.Grains.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace AgentLocator.Api.Tests.Features;

[Collection(ApiCollection.Name)]
public sealed class FeatureGateTests(AgentLocatorApiFactory api)
{
    [Fact]
    public void Every_endpoint_under_a_features_area_carries_that_features_gate()
    {
        var endpoints = api.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        var ungated = new List<string>();
        foreach (var area in RouteFeatures.GatedAreas)
        {
            var under = endpoints.Where(e => ("/" + e.RoutePattern.RawText?.TrimStart('/')).StartsWith(area.AreaPrefix + "/", StringComparison.OrdinalIgnoreCase)).ToList();
            Assert.True(under.Count > 0, $"nothing is mapped under {area.AreaPrefix}");
            ungated.AddRange(under
                .Where(e => RouteFeatures.Find(e.RoutePattern.RawText)?.Feature != area.Feature)
                .Select(e => $"{e.DisplayName} ({e.RoutePattern.RawText})"));
        }
        Assert.Empty(ungated);
    }

    [Fact]
    public async Task A_user_without_a_feature_gets_one_uniform_403_on_every_route_of_it()
    {
        var user = await api.CreateUserAsync(DevelopmentSeed.DemoBusinessName);
        using var admin = new ApiClient(api);
        await admin.SignInAsync("admin@demo.local");
        (await admin.Http.PutAsJsonAsync($"/api/admin/users/{user.Id}/features", new { features = new[] { "calls" } })).EnsureSuccessStatusCode();
        using var client = new ApiClient(api);
        await client.SignInAsync(user.Email);
        var customerId = Guid.NewGuid();

        var requests = new (Feature Feature, Func<Task<HttpResponseMessage>> Send)[]
        {
            (Feature.Crm, () => client.Http.GetAsync("/api/crm/customers?page=1&limit=25")),
            (Feature.Crm, () => client.Http.GetAsync("/api/crm/customers?page=0")),
            (Feature.Crm, () => client.Http.PostAsync("/api/crm/customers", new StringContent("{broken", System.Text.Encoding.UTF8, "application/json"))),
            (Feature.Crm, () => client.Http.GetAsync($"/api/crm/customers/{customerId}")),
            (Feature.Crm, () => client.Http.DeleteAsync($"/api/crm/customers/{customerId}")),
            (Feature.Crm, () => client.Http.GetAsync("/api/crm/customers/export.csv")),
            (Feature.Crm, () => client.Http.PostAsync("/api/crm/customers/import", new StringContent("x"))),
            (Feature.Crm, () => client.Http.GetAsync("/api/crm/tags")),
            (Feature.Crm, () => client.Http.GetAsync("/api/crm/not-built-yet")),
            (Feature.WhatsApp, () => client.Http.GetAsync("/api/whatsapp/messages")),
            (Feature.WhatsApp, () => client.Http.PostAsJsonAsync("/api/whatsapp/messages", new { text = "hi" })),
            (Feature.Contracts, () => client.Http.GetAsync("/api/contracts")),
            (Feature.Invoices, () => client.Http.GetAsync("/api/invoices/1")),
            (Feature.Signatures, () => client.Http.PutAsync("/api/signatures/x/y", null)),
            (Feature.Signatures, () => client.Http.GetAsync("/api/signatures/requests?page=1")),
            (Feature.Signatures, () => client.Http.GetAsync($"/api/signatures/requests/{customerId}/signed.pdf")),
            (Feature.Signatures, () => client.Http.GetAsync($"/api/customers/{customerId}/signature-requests")),
            (Feature.Signatures, () => client.Http.PostAsync($"/api/customers/{customerId}/signature-requests", new StringContent("x"))),
        };

        var bodies = new HashSet<string>();
        foreach (var (feature, send) in requests)
        {
            var response = await send();
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var body = await response.Content.ReadAsStringAsync();
            Assert.Equal(feature.ToName(), JsonDocument.Parse(body).RootElement.GetProperty("feature").GetString());
            bodies.Add(body.Replace($"'{feature.ToName()}'", "'X'").Replace($"\"{feature.ToName()}\"", "\"X\""));
        }
        Assert.Single(bodies);

        // The feature the user has still answers normally (404 for an area with nothing built yet).
        Assert.Equal(HttpStatusCode.NotFound, (await client.Http.GetAsync("/api/calls/anything")).StatusCode);
    }

    [Fact]
    public async Task Without_a_token_gated_routes_are_401_not_403()
    {
        using var anonymous = new ApiClient(api);

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.Http.GetAsync("/api/crm/customers")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.Http.GetAsync("/api/whatsapp/messages")).StatusCode);
    }

    [Fact]
    public async Task Narrowing_takes_effect_at_once_and_clearing_the_limit_restores_the_plan()
    {
        var user = await api.CreateUserAsync(DevelopmentSeed.DemoBusinessName);
        using var admin = new ApiClient(api);
        await admin.SignInAsync("admin@demo.local");
        using var client = new ApiClient(api);
        await client.SignInAsync(user.Email);
        Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync("/api/crm/customers")).StatusCode);

        await admin.Http.PutAsJsonAsync($"/api/admin/users/{user.Id}/features", new { features = new[] { "calls" } });
        Assert.Equal(HttpStatusCode.Forbidden, (await client.Http.GetAsync("/api/crm/customers")).StatusCode);
        Assert.Equal(["calls"], (await client.Http.GetFromJsonAsync<JsonElement>("/api/me")).GetProperty("features").EnumerateArray().Select(f => f.GetString()));

        await admin.Http.PutAsJsonAsync($"/api/admin/users/{user.Id}/features", new { features = (string[]?)null });
        Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync("/api/crm/customers")).StatusCode);
    }
}
