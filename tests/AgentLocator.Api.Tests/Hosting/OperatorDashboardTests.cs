using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using AgentLocator.Api.Infrastructure.Auth;
using AgentLocator.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AgentLocator.Api.Tests.Hosting;

/// <summary>The Orleans dashboard shows every business's grains and reminders: the operator key opens it, no tenant user does.</summary>
[Collection(ApiCollection.Name)]
public sealed partial class OperatorDashboardTests(AgentLocatorApiFactory api)
{
    private string OperatorKey => api.Services.GetRequiredService<IConfiguration>()[OperatorAccess.KeySetting]!;

    /// <summary>Every mapped dashboard route with its parameters filled in, and its methods.</summary>
    private List<(string Method, string Path)> DashboardRequests()
    {
        var requests = new List<(string, string)>();
        foreach (var endpoint in api.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var pattern = "/" + endpoint.RoutePattern.RawText?.TrimStart('/');
            if (!pattern.StartsWith(OperatorAccess.DashboardPath, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }
            var path = RouteParameter().Replace(pattern, match => match.Value.Contains("address") ? "127.0.0.1:11111@1" : "1");
            var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"];
            requests.AddRange(methods.Select(method => (method, path)));
        }
        return requests;
    }

    [Fact]
    public async Task A_tenant_admin_gets_403_or_404_from_every_dashboard_path()
    {
        using var admin = new ApiClient(api);
        await admin.SignInAsync("admin@demo.local");
        var requests = DashboardRequests();
        Assert.True(requests.Count > 10, $"only {requests.Count} dashboard routes found");
        requests.Add(("GET", "/dashboard/Reminders"));
        requests.Add(("GET", "/dashboard/not-a-dashboard-route"));

        var answers = new List<string>();
        foreach (var (method, path) in requests)
        {
            using var response = await admin.Http.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));
            answers.Add($"{(int)response.StatusCode} {method} {path}");
        }

        Assert.All(answers, answer => Assert.True(answer.StartsWith("403 ") || answer.StartsWith("404 "), answer));
        Assert.Contains(answers, answer => answer.StartsWith("403 GET /dashboard/Reminders"));
    }

    [Fact]
    public async Task The_old_admin_dashboard_cookie_is_gone_and_an_agent_is_refused_too()
    {
        using var admin = new ApiClient(api);
        await admin.SignInAsync("admin@demo.local");
        using var agent = new ApiClient(api);
        await agent.SignInAsync("agent@demo.local");

        Assert.Equal(HttpStatusCode.NotFound, (await admin.Http.PostAsync("/api/auth/dashboard-cookie", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.Http.GetAsync("/dashboard/")).StatusCode);
    }

    [Fact]
    public async Task Without_the_key_the_browser_is_asked_for_it_and_a_wrong_key_is_refused()
    {
        using var client = new ApiClient(api);

        var anonymous = await client.Http.GetAsync("/dashboard/Reminders");
        client.Http.DefaultRequestHeaders.Authorization = Basic("operator", OperatorKey + "x");
        var wrong = await client.Http.GetAsync("/dashboard/Reminders");

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Contains(anonymous.Headers.WwwAuthenticate, challenge => challenge.Scheme == "Basic");
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
    }

    [Fact]
    public async Task The_operator_key_opens_the_dashboard_as_basic_credentials_or_a_header()
    {
        using var browser = new ApiClient(api);
        browser.Http.DefaultRequestHeaders.Authorization = Basic("anyone", OperatorKey);
        using var script = new ApiClient(api);
        script.Http.DefaultRequestHeaders.Add(OperatorAccess.KeyHeader, OperatorKey);

        var page = await browser.Http.GetAsync("/dashboard/");
        var reminders = await browser.Http.GetAsync("/dashboard/Reminders");
        var version = await script.Http.GetAsync("/dashboard/version");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, reminders.StatusCode);
        Assert.Equal(HttpStatusCode.OK, version.StatusCode);
    }

    [Fact]
    public async Task The_operator_key_is_no_tenant_identity()
    {
        using var client = new ApiClient(api);
        client.Http.DefaultRequestHeaders.Add(OperatorAccess.KeyHeader, OperatorKey);

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.Http.GetAsync("/api/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.Http.GetAsync("/api/crm/customers")).StatusCode);
    }

    private static AuthenticationHeaderValue Basic(string user, string password) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex RouteParameter();
}
