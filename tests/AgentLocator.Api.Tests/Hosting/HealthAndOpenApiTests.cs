using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AgentLocator.Api.Tests.Infrastructure;

namespace AgentLocator.Api.Tests.Hosting;

[Collection(ApiCollection.Name)]
public sealed class HealthAndOpenApiTests(AgentLocatorApiFactory api)
{
    [Fact]
    public async Task Health_checks_postgres_redis_and_the_silo()
    {
        using var client = new ApiClient(api);

        var response = await client.Http.GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var checks = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("checks");
        // Postgres and Redis are checked by the Aspire client integrations, under their names; the silo check is ours.
        foreach (var name in new[] { "AgentLocatorDbContext", "StackExchange.Redis", "orleans-silo" })
        {
            Assert.Equal("Healthy", checks.GetProperty(name).GetProperty("status").GetString());
        }
    }

    [Fact]
    public async Task Alive_answers_for_the_process_alone()
    {
        using var client = new ApiClient(api);

        var checks = (await client.Http.GetFromJsonAsync<JsonElement>("/alive")).GetProperty("checks");

        Assert.Equal(["self"], checks.EnumerateObject().Select(check => check.Name));
    }

    [Fact]
    public async Task OpenApi_document_describes_the_auth_and_me_endpoints()
    {
        using var client = new ApiClient(api);

        var document = await client.Http.GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        var paths = document.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/auth/login", out var login));
        Assert.True(login.TryGetProperty("post", out _));
        Assert.True(paths.TryGetProperty("/api/me", out _));
        Assert.True(paths.TryGetProperty("/api/auth/refresh", out _));
    }

    [Fact]
    public async Task Unknown_api_routes_are_404_problems_not_the_web_app()
    {
        using var client = new ApiClient(api);

        var response = await client.Http.GetAsync("/api/does-not-exist");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
