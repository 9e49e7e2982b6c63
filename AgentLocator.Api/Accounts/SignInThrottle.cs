using System.Security.Cryptography;
using System.Text;
using AgentLocator.Api.Infrastructure.Auth;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace AgentLocator.Api.Accounts;

/// <summary>
/// Failed sign-ins per email address, counted in Redis whether or not the address belongs to an account: a lockout
/// that only real accounts could reach would tell an attacker which emails exist. Shared by every API instance.
/// After <see cref="AuthOptions.MaxFailedSignIns"/> failures inside <see cref="AuthOptions.LockoutDuration"/> the address
/// is locked until that window ends. If Redis cannot be reached, sign-in stays open (the per-address limiter remains).
/// </summary>
public sealed class SignInThrottle(IConnectionMultiplexer redis, IOptions<AuthOptions> options, IConfiguration configuration, ILogger<SignInThrottle> logger)
{
    private AuthOptions Settings => options.Value;

    // Per cluster: deployments (and test runs) sharing one Redis keep their own counts.
    private readonly string prefix = $"agentlocator:{configuration["Orleans:ClusterId"] ?? "dev"}:sign-in-failures:";

    private RedisKey KeyFor(string normalizedEmail) =>
        prefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normalizedEmail)));

    /// <summary>How long the address stays locked, or null when it may try.</summary>
    public async Task<TimeSpan?> LockedForAsync(string normalizedEmail)
    {
        try
        {
            var db = redis.GetDatabase();
            var key = KeyFor(normalizedEmail);
            var count = (long?)await db.StringGetAsync(key) ?? 0;
            if (count < Settings.MaxFailedSignIns)
            {
                return null;
            }
            return await db.KeyTimeToLiveAsync(key) ?? Settings.LockoutDuration;
        }
        catch (Exception error) when (error is RedisException or TimeoutException)
        {
            logger.LogWarning(error, "Sign-in throttle unavailable; allowing the attempt");
            return null;
        }
    }

    /// <summary>Counts a failure; true when this one locked the address.</summary>
    public async Task<bool> RecordFailureAsync(string normalizedEmail)
    {
        try
        {
            var db = redis.GetDatabase();
            var key = KeyFor(normalizedEmail);
            var count = await db.StringIncrementAsync(key);
            if (count == 1 || count == Settings.MaxFailedSignIns)
            {
                // The window starts at the first failure; reaching the limit restarts it as the lockout.
                await db.KeyExpireAsync(key, Settings.LockoutDuration);
            }
            return count == Settings.MaxFailedSignIns;
        }
        catch (Exception error) when (error is RedisException or TimeoutException)
        {
            logger.LogWarning(error, "Sign-in throttle unavailable; failure not counted");
            return false;
        }
    }

    public async Task ClearAsync(string normalizedEmail)
    {
        try
        {
            await redis.GetDatabase().KeyDeleteAsync(KeyFor(normalizedEmail));
        }
        catch (Exception error) when (error is RedisException or TimeoutException)
        {
            logger.LogWarning(error, "Sign-in throttle unavailable; earlier failures not cleared");
        }
    }
}
