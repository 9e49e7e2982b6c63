using System.Net;
using AgentLocator.Api.Infrastructure.Hosting;
using AgentLocator.Api.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;

namespace AgentLocator.Api.Tests.Proxy;

/// <summary>The API with Production's browser hardening switched on (Security:Headers, on by default outside Development).</summary>
public sealed class HardenedApiFactory : AgentLocatorApiFactory
{
    public HardenedApiFactory() => WithSetting(SecurityHeaders.Setting, "true");
}

public sealed class SecurityHeadersTests(HardenedApiFactory api) : IClassFixture<HardenedApiFactory>
{
    private async Task<HttpResponseMessage> GetAsync(string path, string? forwardedProto = null)
    {
        using var http = new HttpClient { BaseAddress = api.ServerAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (forwardedProto is not null)
        {
            request.Headers.Add("X-Forwarded-Proto", forwardedProto);
        }
        return await http.SendAsync(request);
    }

    [Fact]
    public async Task HSTS_is_sent_on_a_request_that_reached_the_proxy_over_https()
    {
        using var response = await GetAsync("/alive", "https");

        var hsts = Assert.Single(response.Headers.GetValues("Strict-Transport-Security"));
        Assert.Contains("max-age=31536000", hsts);
    }

    [Fact]
    public async Task HSTS_is_not_sent_over_plain_http()
    {
        using var response = await GetAsync("/alive");

        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
    }

    [Theory]
    [InlineData("/alive", HttpStatusCode.OK)]
    [InlineData("/api/me", HttpStatusCode.Unauthorized)]
    [InlineData("/api/no-such-route", HttpStatusCode.NotFound)]
    public async Task Every_answer_carries_the_browser_hardening_headers(string path, HttpStatusCode expected)
    {
        using var response = await GetAsync(path, "https");

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("strict-origin-when-cross-origin", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        var policy = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("frame-ancestors 'none'", policy);
        Assert.Contains("script-src 'self';", policy);
        Assert.Contains("connect-src 'self'", policy);
        Assert.DoesNotContain("unsafe-eval", policy);
    }
}

/// <summary>When the hardening is on, and what the policy allows.</summary>
public sealed class SecurityHeadersPolicyTests
{
    [Theory]
    [InlineData("Production", null, true)]
    [InlineData("Staging", null, true)]
    [InlineData("Development", null, false)]
    [InlineData("Production", "false", false)]
    [InlineData("Development", "true", true)]
    public void On_by_default_outside_Development(string environment, string? setting, bool expected)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [SecurityHeaders.Setting] = setting }).Build();

        Assert.Equal(expected, SecurityHeaders.Enabled(configuration, new HostingEnvironment { EnvironmentName = environment }));
    }

    [Fact]
    public void The_policy_names_a_separately_hosted_API_origin_for_fetch_and_WebSocket()
    {
        var policy = SecurityHeaders.ContentSecurityPolicy("https://api.example.com wss://api.example.com");

        Assert.Contains("connect-src 'self' https://api.example.com wss://api.example.com;", policy);
    }
}
