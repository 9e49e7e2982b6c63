using Microsoft.Extensions.FileProviders;

namespace AgentLocator.Api.Infrastructure.Hosting;

/// <summary>
/// In production the API serves the built web app from the same origin, so there is one process and no CORS.
/// Client-side routes fall back to <c>index.html</c>; unknown API-like paths stay 404 problems (415 for
/// a known route sent the wrong content type).
/// </summary>
public static class SinglePageApp
{
    public static WebApplication MapSinglePageApp(this WebApplication app)
    {
        var distPath = FindDistPath(app);
        string[] serverPrefixes = ["/api", "/ws", "/webhook", "/media", "/dashboard", "/openapi", "/scalar"];
        foreach (var prefix in serverPrefixes)
        {
            // A route that exists but was sent a body type it does not take lands here too: that answers 415, not 404.
            app.MapFallback(prefix + "/{**rest}", (HttpContext context) => UnsupportedMediaTypes.NotFound(context))
                .ExcludeFromDescription();
        }
        if (distPath is null)
        {
            app.Logger.LogInformation("No built web app found (set Web__DistPath); only the API is served.");
            return app;
        }

        var files = new PhysicalFileProvider(distPath);
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            OnPrepareResponse = context =>
            {
                // Vite fingerprints everything under /assets; index.html must always be re-read to pick up a deploy.
                context.Context.Response.Headers.CacheControl = context.Context.Request.Path.StartsWithSegments("/assets")
                    ? "public, max-age=31536000, immutable"
                    : "no-cache";
            },
        });
        app.MapFallbackToFile("index.html", new StaticFileOptions { FileProvider = files }).ExcludeFromDescription();
        return app;
    }

    private static string? FindDistPath(WebApplication app)
    {
        var configured = app.Configuration["Web:DistPath"];
        string[] candidates =
        [
            .. string.IsNullOrWhiteSpace(configured) ? Array.Empty<string>() : [configured],
            Path.Combine(app.Environment.ContentRootPath, "wwwroot"),
        ];
        return candidates.Select(Path.GetFullPath).FirstOrDefault(path => File.Exists(Path.Combine(path, "index.html")));
    }
}
