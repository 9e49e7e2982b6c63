using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace AgentLocator.Api.Infrastructure.Hosting;

/// <summary>
/// Requests per client address per minute on a public route (signing pages, document links), refused as a problem with
/// the route's own title: the global refusal speaks of sign-ins, which would puzzle a customer opening a link.
/// </summary>
internal sealed class PerAddressRateLimit(int perMinute, string refusalTitle) : IRateLimiterPolicy<string>
{
    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected { get; } = async (context, _) =>
    {
        context.HttpContext.Response.Headers.RetryAfter = "60";
        var problems = context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context.HttpContext,
            ProblemDetails = { Status = StatusCodes.Status429TooManyRequests, Title = refusalTitle, Detail = "Wait a minute and try again." },
        });
    };

    public RateLimitPartition<string> GetPartition(HttpContext httpContext) => RateLimitPartition.GetFixedWindowLimiter(
        httpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown",
        _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1) });
}
