using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Microsoft.Extensions.Hosting;

/// <summary>Writes a health report as JSON so operators see which dependency failed, not just "Unhealthy".</summary>
internal static class HealthReportWriter
{
    public const string ContentType = "application/json; charset=utf-8";

    public static Task WriteJson(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = ContentType;
        return context.Response.WriteAsync(JsonSerializer.Serialize(Body(report), JsonSerializerOptions.Web));
    }

    public static byte[] Utf8Json(HealthReport report) => JsonSerializer.SerializeToUtf8Bytes(Body(report), JsonSerializerOptions.Web);

    private static object Body(HealthReport report) =>
        new
        {
            status = report.Status.ToString(),
            totalDurationMs = Math.Round(report.TotalDuration.TotalMilliseconds, 1),
            checks = report.Entries.ToDictionary(
                entry => entry.Key,
                entry => new
                {
                    status = entry.Value.Status.ToString(),
                    description = entry.Value.Description,
                    durationMs = Math.Round(entry.Value.Duration.TotalMilliseconds, 1),
                    // Exception messages from drivers can carry host names but not secrets; stack traces stay in the log.
                    error = entry.Value.Exception?.Message,
                }),
        };
}
