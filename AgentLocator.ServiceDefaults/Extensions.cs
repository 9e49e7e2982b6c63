using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Cross-cutting service wiring in the shape of the Aspire service-defaults template, so that moving the
/// AppHost to Aspire later changes nothing here: telemetry, health checks, resilience, service discovery.
/// </summary>
public static class ServiceDefaultsExtensions
{
    public const string AliveTag = "live";
    public const string HealthEndpointPath = "/health";
    public const string AlivenessEndpointPath = "/alive";

    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.ConfigureOpenTelemetry();
        builder.AddDefaultHealthChecks();
        builder.Services.AddServiceDiscovery();
        builder.Services.ConfigureHttpClientDefaults(http =>
        {
            http.AddStandardResilienceHandler();
            http.AddServiceDiscovery();
        });
        return builder;
    }

    /// <summary>
    /// Metrics always (the operator's Orleans dashboard reads them in-process); logs and traces only when an OTLP
    /// endpoint is set, the only place they go. Without one, every request still made and recorded a server span and
    /// a log record nobody received (bench/RESULTS.md, "mefast").
    /// </summary>
    public static TBuilder ConfigureOpenTelemetry<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        var telemetry = builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter("Microsoft.Orleans")
                .AddMeter("Npgsql")
                .AddMeter("AgentLocator"));
        if (string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            return builder;
        }

        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });
        telemetry
            .WithTracing(tracing => tracing
                .AddSource(builder.Environment.ApplicationName)
                // Grain calls only: the runtime's own source traces every membership ping and statistics push, which
                // buries a call's trace among hundreds of system spans a minute.
                .AddSource("Microsoft.Orleans.Application")
                .AddSource("Npgsql")
                .AddSource("AgentLocator")
                .AddAspNetCoreInstrumentation(tracing =>
                    // Health probes and the telemetry exporter's own calls would drown real requests.
                    tracing.Filter = context =>
                        !context.Request.Path.StartsWithSegments(HealthEndpointPath)
                        && !context.Request.Path.StartsWithSegments(AlivenessEndpointPath))
                .AddHttpClientInstrumentation())
            .UseOtlpExporter();
        return builder;
    }

    public static TBuilder AddDefaultHealthChecks<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy(), [AliveTag]);
        return builder;
    }

    /// <summary>
    /// <c>/alive</c> answers for the process alone (liveness); <c>/health</c> runs every registered check
    /// (readiness: database, cache, cluster membership) and reports each one as JSON. As middleware, not endpoints:
    /// placed early, a probe (called every few seconds by every orchestrator and proxy) answers before routing,
    /// authentication, the rate limiter and the rest of the pipeline, none of which it needs (bench/RESULTS.md, issue 19).
    /// </summary>
    public static WebApplication UseHealthEndpoints(this WebApplication app)
    {
        app.UseHealthChecks(HealthEndpointPath, new HealthCheckOptions { ResponseWriter = HealthReportWriter.WriteJson });
        // Liveness is "this process answers": its only check ("self", tagged live) is a constant Healthy, so the
        // answer is that report's JSON, written once. Running it through the health-check service (a scope, the checks'
        // task fan-out, a log scope, reflection-based JSON) was a fifth of /alive's CPU (bench/RESULTS.md, "mefast").
        var aliveBody = HealthReportWriter.Utf8Json(new HealthReport(
            new Dictionary<string, HealthReportEntry> { ["self"] = new(HealthStatus.Healthy, null, TimeSpan.Zero, null, null) },
            TimeSpan.Zero));
        var alivePath = new PathString(AlivenessEndpointPath);
        app.Use((context, next) => context.Request.Path == alivePath ? WriteAliveAsync(context.Response, aliveBody) : next(context));
        return app;
    }

    private static Task WriteAliveAsync(HttpResponse response, byte[] body)
    {
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = HealthReportWriter.ContentType;
        response.ContentLength = body.Length;
        // As the health-check middleware answers: a probe must never be served from a cache.
        var headers = response.Headers;
        headers.CacheControl = "no-store, no-cache";
        headers.Pragma = "no-cache";
        headers.Expires = "Thu, 01 Jan 1970 00:00:00 GMT";
        return response.Body.WriteAsync(body).AsTask();
    }
}
