using System.Net;
using System.Net.Http.Json;
using AgentLocator.Api.Account;
using AgentLocator.Api.Infrastructure.Hosting;
using AgentLocator.Api.Integrations.Twilio;
using AgentLocator.Api.Tests.Infrastructure;
using AgentLocator.CallSimulator;
using AgentLocator.Grains.Data;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AgentLocator.Api.Tests.Proxy;

/// <summary>The API behind a TLS-terminating proxy on this machine (Development trusts loopback), over real HTTP.</summary>
[Collection(ApiCollection.Name)]
public sealed class ProxiedApiTests(AgentLocatorApiFactory api)
{
    /// <summary>A client that keeps Set-Cookie as sent, since a cookie jar hides a Secure cookie received over http.</summary>
    private HttpClient RawClient() => new(new HttpClientHandler { UseCookies = false }) { BaseAddress = api.ServerAddress };

    private static IEnumerable<string> RefreshCookies(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values) ? values.Where(value => value.StartsWith(RefreshCookie.Name + "=")) : [];

    private async Task<HttpResponseMessage> SignInAsync(string? forwardedProto)
    {
        using var http = RawClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/login")
        {
            Content = JsonContent.Create(new { email = "agent@demo.local", password = DevelopmentSeed.DemoPassword }),
        };
        if (forwardedProto is not null)
        {
            request.Headers.Add("X-Forwarded-Proto", forwardedProto);
            request.Headers.Add("X-Forwarded-For", "198.51.100.23");
        }
        return await http.SendAsync(request);
    }

    [Fact]
    public async Task The_refresh_cookie_is_Secure_when_the_proxy_says_the_request_was_https()
    {
        using var response = await SignInAsync("https");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var cookie = Assert.Single(RefreshCookies(response));
        Assert.Contains("; secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("; httponly", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_refresh_cookie_is_not_Secure_over_plain_http()
    {
        using var response = await SignInAsync(null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var cookie = Assert.Single(RefreshCookies(response));
        Assert.DoesNotContain("secure", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Development_sends_no_HSTS_or_content_security_policy()
    {
        using var http = RawClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/alive");
        request.Headers.Add("X-Forwarded-Proto", "https");

        using var response = await http.SendAsync(request);

        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
        Assert.False(response.Headers.Contains("Content-Security-Policy"));
    }

    private string PublicHost => api.Services.GetRequiredService<IConfiguration>()["Public:Host"]!.TrimEnd('/');
    private string TwilioToken => api.Services.GetRequiredService<IConfiguration>()["Twilio:AuthToken"]!;

    private async Task<HttpResponseMessage> CallStatusAsync(string signedUrlBase)
    {
        const string path = "/webhook/call_status";
        var form = new Dictionary<string, string>
        {
            ["CallSid"] = "CA" + Guid.NewGuid().ToString("N"), ["AccountSid"] = "AC" + new string('0', 32),
            ["From"] = "+972501234567", ["To"] = "+97235550199", ["CallStatus"] = "completed", ["CallDuration"] = "3",
        };
        using var http = RawClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Add(TwilioSignatureFilter.SignatureHeader, TwilioSigner.Sign(TwilioToken, signedUrlBase + path, form));
        // What nginx adds: the host and scheme the proxy was reached on, which need not be PUBLIC_HOST's.
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-Host", "internal-lb.example.net");
        request.Headers.Add("X-Forwarded-For", "198.51.100.44");
        return await http.SendAsync(request);
    }

    [Fact]
    public async Task A_webhook_signed_for_PUBLIC_HOST_is_accepted_whatever_host_the_proxy_forwards()
    {
        using var response = await CallStatusAsync(PublicHost);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_webhook_signed_for_the_forwarded_host_instead_of_PUBLIC_HOST_is_refused()
    {
        using var response = await CallStatusAsync("https://internal-lb.example.net");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
