namespace AgentLocator.Api.Infrastructure.Hosting;

/// <summary>
/// Production's browser hardening: HSTS on HTTPS (as seen through the proxy), and on every answer a content security
/// policy that lets the single-page app load only its own scripts and talk only to its own origin (the API and the
/// SignalR WebSocket at <c>/ws</c>), plus no framing, no MIME sniffing and no full referrers to other sites.
/// On by default outside Development (<c>Security:Headers</c> turns it on or off explicitly).
/// </summary>
public static class SecurityHeaders
{
    public const string Setting = "Security:Headers";

    /// <summary>
    /// 'self' covers ws:/wss: to the same host in CSP level 3; connect-src also names the configured API origin when the web
    /// app was built to call one elsewhere. Inline styles: React's style attributes. blob:/data: media: recordings are
    /// fetched with the bearer token and played from object URLs.
    /// </summary>
    public static string ContentSecurityPolicy(string? extraConnectOrigin) =>
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
        + "media-src 'self' blob: data:; font-src 'self' data:; "
        + $"connect-src 'self'{(string.IsNullOrEmpty(extraConnectOrigin) ? "" : " " + extraConnectOrigin)}; "
        + "worker-src 'self'; manifest-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public static bool Enabled(IConfiguration configuration, IHostEnvironment environment) =>
        configuration.GetValue<bool?>(Setting) ?? !environment.IsDevelopment();

    public static IServiceCollection AddSecurityHeaders(this IServiceCollection services)
    {
        services.AddHsts(options =>
        {
            options.MaxAge = TimeSpan.FromDays(365);
            options.IncludeSubDomains = false;
            // Whether a request is HTTPS is decided by the trusted proxy's X-Forwarded-Proto, whatever the host name.
            options.ExcludedHosts.Clear();
        });
        return services;
    }

    public static WebApplication UseSecurityHeaders(this WebApplication app)
    {
        if (!Enabled(app.Configuration, app.Environment))
        {
            return app;
        }
        app.UseHsts();
        var policy = ContentSecurityPolicy(app.Configuration["Security:ConnectSources"]);
        app.Use((context, next) =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            headers.XFrameOptions = "DENY";
            // The Orleans dashboard (the operator's, behind its key) runs its own inline scripts.
            if (!context.Request.Path.StartsWithSegments(OperatorDashboardPath))
            {
                headers.ContentSecurityPolicy = policy;
            }
            return next(context);
        });
        return app;
    }

    private static readonly PathString OperatorDashboardPath = Auth.OperatorAccess.DashboardPath;
}
