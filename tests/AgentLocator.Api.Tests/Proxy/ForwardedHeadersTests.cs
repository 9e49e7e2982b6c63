using System.Net;
using AgentLocator.Api.Infrastructure.Configuration;
using AgentLocator.Api.Infrastructure.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AgentLocator.Api.Tests.Proxy;

/// <summary>
/// The forwarded headers are honoured only from the addresses in TRUSTED_PROXIES: the framework's own middleware runs
/// with the options our registration builds from the setting.
/// </summary>
public sealed class ForwardedHeadersTests
{
    private static async Task<HttpContext> ThroughMiddlewareAsync(string? trustedProxies, string remoteAddress, params (string Name, string Value)[] headers)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [ReverseProxy.KnownProxiesSetting] = trustedProxies })
            .Build();
        using var services = new ServiceCollection().AddReverseProxySupport(configuration).BuildServiceProvider();
        var options = services.GetRequiredService<IOptions<ForwardedHeadersOptions>>();
        var context = new DefaultHttpContext();
        context.Request.Scheme = "http";
        context.Request.Host = new HostString("127.0.0.1:5080");
        context.Connection.RemoteIpAddress = IPAddress.Parse(remoteAddress);
        foreach (var (name, value) in headers)
        {
            context.Request.Headers[name] = value;
        }
        var middleware = new ForwardedHeadersMiddleware(_ => Task.CompletedTask, NullLoggerFactory.Instance, options);
        await middleware.Invoke(context);
        return context;
    }

    private static readonly (string, string)[] FromNginx =
    [
        ("X-Forwarded-For", "198.51.100.7"), ("X-Forwarded-Proto", "https"), ("X-Forwarded-Host", "crm.example.com"),
    ];

    [Fact]
    public async Task A_listed_proxy_restores_the_client_address_scheme_and_host()
    {
        var context = await ThroughMiddlewareAsync("10.0.0.0/8", "10.1.2.3", FromNginx);

        Assert.True(context.Request.IsHttps);
        Assert.Equal("crm.example.com", context.Request.Host.Value);
        Assert.Equal(IPAddress.Parse("198.51.100.7"), context.Connection.RemoteIpAddress);
    }

    [Fact]
    public async Task A_single_listed_address_is_trusted_too()
    {
        var context = await ThroughMiddlewareAsync("192.0.2.10, ::1", "192.0.2.10", FromNginx);

        Assert.True(context.Request.IsHttps);
    }

    [Theory]
    [InlineData("10.0.0.0/8", "203.0.113.9")]
    [InlineData("192.0.2.10", "192.0.2.11")]
    // Production's default: nobody, not even loopback, until the operator names the proxy.
    [InlineData(null, "127.0.0.1")]
    public async Task Headers_from_an_unlisted_address_are_ignored(string? trusted, string remote)
    {
        var context = await ThroughMiddlewareAsync(trusted, remote, FromNginx);

        Assert.False(context.Request.IsHttps);
        Assert.Equal("127.0.0.1:5080", context.Request.Host.Value);
        Assert.Equal(IPAddress.Parse(remote), context.Connection.RemoteIpAddress);
    }

    [Fact]
    public async Task A_client_cannot_claim_an_address_by_sending_its_own_X_Forwarded_For()
    {
        // nginx appends the address it saw ($proxy_add_x_forwarded_for) to whatever the client sent.
        var context = await ThroughMiddlewareAsync("127.0.0.1", "127.0.0.1",
            ("X-Forwarded-For", "10.9.9.9, 198.51.100.7"), ("X-Forwarded-Proto", "https"));

        Assert.Equal(IPAddress.Parse("198.51.100.7"), context.Connection.RemoteIpAddress);
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("10.0.0.0/8, 172.16.0.0/12, ::1")]
    [InlineData("fd00::/8")]
    public void Addresses_and_networks_are_accepted(string value) =>
        Assert.Empty(SettingLimits.FindProblems(Settings(value)));

    [Theory]
    [InlineData("nginx")]
    [InlineData("10.0.0.0/99")]
    [InlineData("127.0.0.1, localhost")]
    public void Anything_else_stops_the_start_with_the_setting_named(string value)
    {
        var problem = Assert.Single(SettingLimits.FindProblems(Settings(value)));

        Assert.StartsWith("TRUSTED_PROXIES (Proxy__KnownProxies) is ", problem);
    }

    private static IConfiguration Settings(string value) =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [ReverseProxy.KnownProxiesSetting] = value }).Build();
}
