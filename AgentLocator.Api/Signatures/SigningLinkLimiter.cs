using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace AgentLocator.Api.Signatures;

/// <summary>
/// Requests per signing link per minute (<c>Signatures:PublicRequestsPerMinutePerLink</c>), on top of the per-address
/// endpoint policy: one leaked link cannot be hammered from many addresses either. Keyed by the link's hash, never the token.
/// </summary>
public sealed class SigningLinkLimiter(int perMinute) : IDisposable
{
    private readonly PartitionedRateLimiter<string> limiter = PartitionedRateLimiter.Create<string, string>(key =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1) }));

    public bool TryAcquire(string token)
    {
        using var lease = limiter.AttemptAcquire(Convert.ToHexString(SignatureLinks.Hash(token)));
        return lease.IsAcquired;
    }

    public void Dispose() => limiter.Dispose();
}

/// <summary>Requests per address per minute on the public signing and verify routes; its own refusal text.</summary>
internal sealed class PublicSigningRateLimit(int perMinute) : IRateLimiterPolicy<string>
{
    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected { get; } = async (context, _) =>
    {
        context.HttpContext.Response.Headers.RetryAfter = "60";
        var problems = context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context.HttpContext,
            ProblemDetails = { Status = StatusCodes.Status429TooManyRequests, Title = "Too many requests from this address.", Detail = "Wait a minute and try again." },
        });
    };

    public RateLimitPartition<string> GetPartition(HttpContext httpContext) => RateLimitPartition.GetFixedWindowLimiter(
        httpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown",
        _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1) });
}
