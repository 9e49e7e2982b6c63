using System.Threading.RateLimiting;

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

