using System.Buffers.Text;
using System.Security.Cryptography;
using AgentLocator.Api.Infrastructure.Auth;
using AgentLocator.Grains.Data;
using AgentLocator.Grains.Data.Entities;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AgentLocator.Api.Account;

public abstract record SignInOutcome
{
    public sealed record Succeeded(User User, AccessToken AccessToken, string RefreshToken, DateTimeOffset SessionExpiresAt) : SignInOutcome;
    public sealed record WrongCredentials : SignInOutcome;
    public sealed record LockedOut(TimeSpan RetryAfter) : SignInOutcome;
}

/// <summary>
/// Password sign-in, refresh-token rotation and sign-out. Runs before a tenant is known, so it reads users and
/// sessions with the tenant filter switched off, and only ever by a unique key (email, token hash, session id).
/// </summary>
public sealed class SignInService(
    AgentLocatorDbContext db,
    IPasswordHasher<User> passwordHasher,
    AccessTokenIssuer tokenIssuer,
    IOptions<AuthOptions> options,
    TimeProvider clock,
    ILogger<SignInService> logger)
{
    // Verifying against a real hash when the email is unknown keeps the response time from revealing which emails exist.
    private static readonly Lazy<string> UnknownUserHash =
        new(() => new PasswordHasher<User>().HashPassword(null!, Convert.ToBase64String(RandomNumberGenerator.GetBytes(16))));

    private AuthOptions Settings => options.Value;

    public static string NormalizeEmail(string email) => email.Trim().ToLowerInvariant();

    public async Task<SignInOutcome> SignInAsync(string email, string password, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var normalized = NormalizeEmail(email);
        var user = await db.Users.IgnoreQueryFilters().SingleOrDefaultAsync(u => u.Email == normalized, cancellationToken);
        if (user is null)
        {
            passwordHasher.VerifyHashedPassword(null!, UnknownUserHash.Value, password);
            return new SignInOutcome.WrongCredentials();
        }

        if (user.LockedOutUntil is { } lockedUntil && lockedUntil > now)
        {
            return new SignInOutcome.LockedOut(lockedUntil - now);
        }

        var verification = passwordHasher.VerifyHashedPassword(user, user.PasswordHash, password);
        if (verification == PasswordVerificationResult.Failed)
        {
            user.FailedSignInCount++;
            if (user.FailedSignInCount >= Settings.MaxFailedSignIns)
            {
                user.LockedOutUntil = now.Add(Settings.LockoutDuration);
                user.FailedSignInCount = 0;
                logger.LogWarning("User {UserId} locked out after {Count} failed sign-ins", user.Id, Settings.MaxFailedSignIns);
            }
            await db.SaveChangesAsync(cancellationToken);
            return new SignInOutcome.WrongCredentials();
        }

        if (verification == PasswordVerificationResult.SuccessRehashNeeded)
        {
            user.PasswordHash = passwordHasher.HashPassword(user, password);
        }
        user.FailedSignInCount = 0;
        user.LockedOutUntil = null;

        var refreshToken = NewRefreshToken();
        var session = new AuthSession
        {
            Id = Guid.CreateVersion7(),
            BusinessId = user.BusinessId,
            UserId = user.Id,
            CurrentTokenHash = Hash(refreshToken),
            CreatedAt = now,
            LastRefreshedAt = now,
            ExpiresAt = now.Add(Settings.SessionLifetime),
        };
        db.AuthSessions.Add(session);
        await db.SaveChangesAsync(cancellationToken);
        return new SignInOutcome.Succeeded(user, tokenIssuer.Issue(user, session.Id), refreshToken, session.ExpiresAt);
    }

    /// <summary>
    /// Exchanges a refresh token for a new access token and rotates it. Returns null when the session is unknown,
    /// expired or revoked. <c>RefreshToken</c> in the result is null when the token was the one just rotated away
    /// (a concurrent refresh from another tab): the caller keeps the cookie the other response set.
    /// </summary>
    public async Task<SignInOutcome.Succeeded?> RefreshAsync(string refreshToken, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var hash = Hash(refreshToken);
        var session = await db.AuthSessions.IgnoreQueryFilters().Include(s => s.User)
            .SingleOrDefaultAsync(s => s.CurrentTokenHash == hash || s.PreviousTokenHash == hash, cancellationToken);
        if (session?.User is null || session.RevokedAt is not null || session.ExpiresAt <= now)
        {
            return null;
        }

        if (!session.CurrentTokenHash.AsSpan().SequenceEqual(hash))
        {
            if (now - session.LastRefreshedAt <= Settings.RefreshReuseGrace)
            {
                return new SignInOutcome.Succeeded(session.User, tokenIssuer.Issue(session.User, session.Id), null!, session.ExpiresAt);
            }
            // An old token came back long after it was replaced: someone else holds a copy. End the session for both.
            session.RevokedAt = now;
            session.RevokedReason = "refresh-token-reuse";
            await db.SaveChangesAsync(cancellationToken);
            logger.LogWarning("Refresh token reuse detected; session {SessionId} revoked", session.Id);
            return null;
        }

        var rotated = NewRefreshToken();
        session.PreviousTokenHash = session.CurrentTokenHash;
        session.CurrentTokenHash = Hash(rotated);
        session.LastRefreshedAt = now;
        await db.SaveChangesAsync(cancellationToken);
        return new SignInOutcome.Succeeded(session.User, tokenIssuer.Issue(session.User, session.Id), rotated, session.ExpiresAt);
    }

    /// <summary>Revokes the session named by the access token, or else the one the refresh cookie belongs to.</summary>
    public async Task SignOutAsync(Guid? sessionId, string? refreshToken, CancellationToken cancellationToken)
    {
        AuthSession? session = null;
        if (sessionId is { } id)
        {
            session = await db.AuthSessions.IgnoreQueryFilters().SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        }
        if (session is null && refreshToken is not null)
        {
            var hash = Hash(refreshToken);
            session = await db.AuthSessions.IgnoreQueryFilters().SingleOrDefaultAsync(s => s.CurrentTokenHash == hash, cancellationToken);
        }
        if (session is null || session.RevokedAt is not null)
        {
            return;
        }
        session.RevokedAt = clock.GetUtcNow();
        session.RevokedReason = "signed-out";
        await db.SaveChangesAsync(cancellationToken);
    }

    private static string NewRefreshToken() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    private static byte[] Hash(string token) => SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token));
}
