using AgentLocator.Api.Infrastructure.Configuration;
using Microsoft.AspNetCore.HttpOverrides;

namespace AgentLocator.Api.Infrastructure.Hosting;

/// <summary>
/// Behind nginx the API sees the proxy's address and plain http. The proxy's <c>X-Forwarded-For</c>, <c>-Proto</c> and
/// <c>-Host</c> restore the client's address (rate limits, the audit trail) and the original scheme (the refresh cookie
/// is <c>Secure</c> only on HTTPS), but only from the addresses in <c>TRUSTED_PROXIES</c>: from anyone else they are
/// ignored, or a client could claim any address or a secure origin. Development trusts loopback (a local proxy);
/// Production trusts nobody until the operator names the proxy.
/// </summary>
public static class ReverseProxy
{
    public const string KnownProxiesSetting = "Proxy:KnownProxies";

    public static IServiceCollection AddReverseProxySupport(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            // The framework's loopback defaults are replaced by the setting, so Production trusts exactly what is listed.
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            // No fixed hop count: entries are taken from the right while each hop is a listed proxy, so a client's own
            // X-Forwarded-For entries (nginx appends, never replaces) stop at the first address nobody vouches for.
            options.ForwardLimit = null;
            if (configuration[KnownProxiesSetting] is { Length: > 0 } listed
                && IpNetworkListRule.TryParse(listed, out var addresses, out var networks))
            {
                addresses.ForEach(options.KnownProxies.Add);
                networks.ForEach(options.KnownIPNetworks.Add);
                options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
            }
            else
            {
                // With both lists empty the middleware would trust every sender; with no proxy named it reads nothing.
                options.ForwardedHeaders = ForwardedHeaders.None;
            }
        });
        return services;
    }

    /// <summary>First in the pipeline, so everything after it (HTTPS checks, cookies, rate limits, logs) sees the client.</summary>
    public static WebApplication UseReverseProxySupport(this WebApplication app)
    {
        if (string.IsNullOrWhiteSpace(app.Configuration[KnownProxiesSetting]))
        {
            // Behind nginx this would leave the refresh cookie without Secure: say so once, at start-up.
            app.Logger.LogInformation("TRUSTED_PROXIES is not set: X-Forwarded-* headers are ignored (set it when a proxy is in front).");
        }
        app.UseForwardedHeaders();
        return app;
    }
}
