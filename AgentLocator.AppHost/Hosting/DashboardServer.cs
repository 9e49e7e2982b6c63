using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AgentLocator.AppHost.Hosting;

/// <summary>
/// The developer's window on the AppHost: one self-contained page (no CDN, there is no internet here) and
/// the JSON it reads, served by Kestrel on loopback.
/// </summary>
internal sealed class DashboardServer : IAsyncDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly WebApplication _app;

    private DashboardServer(WebApplication app, int port)
    {
        _app = app;
        Url = $"http://localhost:{port}";
    }

    public string Url { get; }

    public static async Task<DashboardServer> StartAsync(ResourceOrchestrator orchestrator, int port)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        // The AppHost handles Ctrl+C itself; the dashboard must keep serving while resources shut down.
        builder.Services.AddSingleton<IHostLifetime, ManualLifetime>();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(3));
        builder.WebHost.UseKestrel(kestrel => kestrel.ListenLocalhost(port));

        var app = builder.Build();
        Map(app, orchestrator);
        await app.StartAsync();
        return new DashboardServer(app, port);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static void Map(WebApplication app, ResourceOrchestrator orchestrator)
    {
        app.MapGet("/", () => Results.Content(DashboardPage.Html, "text/html; charset=utf-8"));

        app.MapGet("/api/resources", () => Results.Json(orchestrator.Resources.Select(ResourceSnapshot.Of), Json));

        app.MapGet("/api/resources/{name}", (string name) =>
            orchestrator.Find(name) is { } r ? Results.Json(ResourceSnapshot.Of(r), Json) : NotFound(name));

        app.MapGet("/api/resources/{name}/logs", (string name, int? tail) =>
            orchestrator.Find(name) is { } r
                ? Results.Json(r.Logs.Recent(tail ?? 1000).Select(LogLineSnapshot.Of), Json)
                : NotFound(name));

        app.MapGet("/api/resources/{name}/logs/stream", StreamLogsAsync);

        app.MapPost("/api/resources/{name}/restart", (string name, HttpContext http) =>
        {
            if (orchestrator.Find(name) is not { } r)
            {
                return NotFound(name);
            }

            if (IsCrossSite(http))
            {
                return Results.Problem("Cross-site requests may not control resources.", statusCode: 403);
            }

            _ = orchestrator.RestartAsync(r);
            return Results.Json(ResourceSnapshot.Of(r), Json, statusCode: StatusCodes.Status202Accepted);
        });

        app.MapPost("/api/resources/{name}/stop", (string name, HttpContext http) =>
        {
            if (orchestrator.Find(name) is not { } r)
            {
                return NotFound(name);
            }

            if (IsCrossSite(http))
            {
                return Results.Problem("Cross-site requests may not control resources.", statusCode: 403);
            }

            _ = orchestrator.StopAsync(r);
            return Results.Json(ResourceSnapshot.Of(r), Json, statusCode: StatusCodes.Status202Accepted);
        });

        app.MapPost("/api/resources/{name}/commands/{command}", async (string name, string command, HttpContext http) =>
        {
            if (orchestrator.Find(name) is not { } r)
            {
                return NotFound(name);
            }

            if (r.FindCommand(command) is not { } c)
            {
                return Results.Problem($"Resource '{r.Name}' has no command '{command}'.", statusCode: 404);
            }

            if (IsCrossSite(http))
            {
                return Results.Problem("Cross-site requests may not run commands.", statusCode: 403);
            }

            if (c.TryStart(r, orchestrator.Stopping) is not { } run)
            {
                return Results.Problem($"'{c.DisplayName}' is already running on {r.Name}; wait for it to finish.", statusCode: 409);
            }

            try
            {
                // The answer is the outcome; the run itself belongs to the AppHost, so a closed tab does not cancel it.
                return Results.Json(await run.WaitAsync(http.RequestAborted), Json);
            }
            catch (OperationCanceledException)
            {
                return Results.Empty;
            }
        });

        async Task StreamLogsAsync(string name, HttpContext http, IHostApplicationLifetime lifetime)
        {
            if (orchestrator.Find(name) is not { } resource)
            {
                http.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }

            http.Response.ContentType = "text/event-stream";
            http.Response.Headers.CacheControl = "no-cache";
            http.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();

            // Ends with the client, or when the AppHost stops (so an open tab never delays shutdown).
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, lifetime.ApplicationStopping);
            using var subscription = resource.Logs.Subscribe();
            try
            {
                foreach (var line in subscription.Backlog)
                {
                    await WriteEventAsync(http.Response, line, stop.Token);
                }

                await http.Response.Body.FlushAsync(stop.Token);
                while (await subscription.Live.WaitToReadAsync(stop.Token))
                {
                    while (subscription.Live.TryRead(out var line))
                    {
                        await WriteEventAsync(http.Response, line, stop.Token);
                    }

                    await http.Response.Body.FlushAsync(stop.Token);
                }
            }
            catch (OperationCanceledException)
            {
            }
        }
    }

    private static Task WriteEventAsync(HttpResponse response, LogLine line, CancellationToken cancellationToken) =>
        response.WriteAsync($"id: {line.Sequence}\ndata: {JsonSerializer.Serialize(LogLineSnapshot.Of(line), Json)}\n\n", cancellationToken);

    private static IResult NotFound(string name) => Results.Problem($"No resource named '{name}'.", statusCode: 404);

    /// <summary>A page on another origin must not restart things on a developer's machine; curl sends no Origin.</summary>
    private static bool IsCrossSite(HttpContext http)
    {
        var origin = http.Request.Headers.Origin.ToString();
        if (origin.Length == 0)
        {
            return false;
        }

        return !Uri.TryCreate(origin, UriKind.Absolute, out var uri)
            || !string.Equals(uri.Authority, http.Request.Host.Value, StringComparison.OrdinalIgnoreCase);
    }

    private sealed class ManualLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
