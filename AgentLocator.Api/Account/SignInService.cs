using System.Security.Cryptography;
using AgentLocator.Api.Accounts;
using AgentLocator.Api.Infrastructure.Auth;
using AgentLocator.Grains.Audit;
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

    /// <summary>The password was right, but an admin disabled the user or the operator suspended the business.</summary>
    public sealed record Refused(string Title, string Detail) : SignInOutcome;
}

public abstract record RefreshOutcome
{
    /// <summary><c>CookieToken</c> is the session's current refresh token to set, or null to leave the cookie as it is.</summary>
    public sealed record Refreshed(User User, AccessToken AccessToken, string? CookieToken, DateTimeOffset SessionExpiresAt) : RefreshOutcome;

    /// <summary>The token belongs to a session that is revoked or expired: the cookie is spent.</summary>
    public sealed record Ended : RefreshOutcome;

    /// <summary>No session knows the token; the browser may already hold a newer cookie, so it is left alone.</summary>
    public sealed record NoSuchSession : RefreshOutcome;
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
    SignInThrottle throttle,
    TimeProvider clock,
    IAuditLog audit,
    Accounts.SessionEnder sessions,
    ILogger<SignInService> logger)
{
    // Verifying against a real hash when the email is unknown keeps the response time from revealing which emails exist.
    private static readonly Lazy<string> UnknownUserHash =
        new(() => new PasswordHasher<User>().HashPassword(null!, Convert.ToBase64String(RandomNumberGenerator.GetBytes(16))));

    private AuthOptions Settings => options.Value;

    private PasswordVerificationResult VerifyAgainstUnknown(string password)
    {
        passwordHasher.VerifyHashedPassword(null!, UnknownUserHash.Value, password);
        return PasswordVerificationResult.Failed;
    }

    public static string NormalizeEmail(string email) => email.Trim().ToLowerInvariant();

    public async Task<SignInOutcome> SignInAsync(string email, string password, CancellationToken cancellationToken)
    {
        var normalized = NormalizeEmail(email);
        var user = await db.Users.IgnoreQueryFilters().Include(u => u.Business)
            .SingleOrDefaultAsync(u => u.Email == normalized, cancellationToken);
        // Not signed in yet: the attempt comes from this address, against this business's user; an unknown address
        // belongs to no business (only the operator sees it), and the caller hears the same answer either way.
        var attempt = user is null ? AuditActor.Current : AuditActor.Current with { BusinessId = user.BusinessId };
        var target = user is null ? AuditTarget.UnknownAccount(normalized) : AuditTarget.User(user.Id, user.Email);

        // Counted per address, known or not (SignInThrottle), so neither the lockout nor the work done tells which exist.
        if (await throttle.LockedForAsync(normalized) is { } lockedFor)
        {
            await RecordAttemptAsync(AuditActions.SignInFailed, target, new { reason = "locked-out", lockedFor }, attempt, cancellationToken);
            return new SignInOutcome.LockedOut(lockedFor);
        }
        var verification = user is null
            ? VerifyAgainstUnknown(password)
            : passwordHasher.VerifyHashedPassword(user, user.PasswordHash, password);
        if (user is null || verification == PasswordVerificationResult.Failed)
        {
            if (await throttle.RecordFailureAsync(normalized))
            {
                logger.LogWarning("Sign-in for an address locked after {Count} failures", Settings.MaxFailedSignIns);
                await RecordAttemptAsync(AuditActions.SignInLockedOut, target, new { failures = Settings.MaxFailedSignIns }, attempt, cancellationToken);
            }
            else
            {
                await RecordAttemptAsync(AuditActions.SignInFailed, target,
                    new { reason = user is null ? "unknown-email" : "wrong-password" }, attempt, cancellationToken);
            }
            return new SignInOutcome.WrongCredentials();
        }
        await throttle.ClearAsync(normalized);

        // Said only to someone who knows the password: it reveals nothing to a guesser.
        if (user.Business?.SuspendedAt is not null)
        {
            await RecordAttemptAsync(AuditActions.SignInFailed, target, new { reason = "business-suspended" }, attempt, cancellationToken);
            return new SignInOutcome.Refused("השירות לעסק זה מושהה.", "חשבון העסק הושהה על ידי מפעיל השירות. פנו אליו לחידוש השירות.");
        }
        if (user.DisabledAt is not null)
        {
            await RecordAttemptAsync(AuditActions.SignInFailed, target, new { reason = "user-disabled" }, attempt, cancellationToken);
            return new SignInOutcome.Refused("המשתמש הושבת.", "מנהל העסק השבית את המשתמש. פנו אליו כדי לחזור לעבודה.");
        }

        if (verification == PasswordVerificationResult.SuccessRehashNeeded)
        {
            user.PasswordHash = passwordHasher.HashPassword(user, password);
        }
        return await StartSessionAsync(user, cancellationToken, signedInFrom: attempt);
    }

    private async Task RecordAttemptAsync(AuditAction action, AuditTarget target, object details, AuditActor attempt, CancellationToken cancellationToken)
    {
        if (attempt.BusinessId is null)
        {
            await audit.RecordAsync(action, target, details, cancellationToken: cancellationToken);
            return;
        }
        audit.Record(db, action, target, details, attempt);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Opens a session; <paramref name="signedInFrom"/> (a password sign-in's attempt) records it in the audit log.</summary>
    public async Task<SignInOutcome.Succeeded> StartSessionAsync(User user, CancellationToken cancellationToken, AuditActor? signedInFrom = null)
    {
        var now = clock.GetUtcNow();
        var refreshToken = RefreshTokenChain.NewFirstToken();
        var session = new AuthSession
        {
            Id = Guid.CreateVersion7(),
            BusinessId = user.BusinessId,
            UserId = user.Id,
            CurrentTokenHash = RefreshTokenChain.Hash(refreshToken),
            CreatedAt = now,
            LastRefreshedAt = now,
            ExpiresAt = now.Add(Settings.SessionLifetime),
        };
        db.AuthSessions.Add(session);
        if (signedInFrom is not null)
        {
            audit.Record(db, AuditActions.SignIn, AuditTarget.User(user.Id, user.Email), new { sessionId = session.Id },
                signedInFrom.AsUser(user.BusinessId, user.Id, user.DisplayName));
        }
        await db.SaveChangesAsync(cancellationToken);
        return new SignInOutcome.Succeeded(user, tokenIssuer.Issue(user, session.Id), refreshToken, session.ExpiresAt);
    }

    /// <summary>
    /// Exchanges a refresh token for a new access token and rotates it with one conditional UPDATE, so of two
    /// concurrent refreshes exactly one rotates. The other, like a browser repeating the previous token inside the
    /// grace window because a reload swallowed the answer, receives the session's current token, which the caller
    /// sets as the cookie again.
    /// </summary>
    public async Task<RefreshOutcome> RefreshAsync(string refreshToken, CancellationToken cancellationToken)
    {
        var hash = RefreshTokenChain.Hash(refreshToken);
        // Two rounds at most: a lost race means the token just became the previous one, which the second round answers.
        for (var round = 0; ; round++)
        {
            var now = clock.GetUtcNow();
            var session = await db.AuthSessions.IgnoreQueryFilters().AsNoTracking().Include(s => s.User).ThenInclude(u => u!.Business)
                .SingleOrDefaultAsync(s => s.CurrentTokenHash == hash || s.PreviousTokenHash == hash, cancellationToken);
            if (session is null)
            {
                return new RefreshOutcome.NoSuchSession();
            }
            if (session.User is null || session.RevokedAt is not null || session.ExpiresAt <= now
                || session.User.DisabledAt is not null || session.User.Business?.SuspendedAt is not null)
            {
                return new RefreshOutcome.Ended();
            }

            if (session.CurrentTokenHash.AsSpan().SequenceEqual(hash))
            {
                var rotated = Chain.Next(refreshToken);
                var won = await db.AuthSessions.IgnoreQueryFilters()
                    .Where(s => s.Id == session.Id && s.CurrentTokenHash == hash && s.RevokedAt == null)
                    .ExecuteUpdateAsync(set => set
                        .SetProperty(s => s.PreviousTokenHash, hash)
                        .SetProperty(s => s.CurrentTokenHash, RefreshTokenChain.Hash(rotated))
                        .SetProperty(s => s.LastRefreshedAt, now), cancellationToken);
                if (won == 1)
                {
                    return Refreshed(session, rotated);
                }
                if (round == 0)
                {
                    continue;
                }
                // Rotated away twice within one request: far past any honest race, so no token is handed out.
                return new RefreshOutcome.Ended();
            }

            if (now - session.LastRefreshedAt <= Settings.RefreshReuseGrace)
            {
                var current = Chain.Next(refreshToken);
                // Unequal only when the signing secret changed since the rotation: the access token still goes out,
                // and the browser keeps the cookie it has.
                var currentMatches = RefreshTokenChain.Hash(current).AsSpan().SequenceEqual(session.CurrentTokenHash);
                return Refreshed(session, currentMatches ? current : null);
            }

            // An old token came back long after it was replaced: someone else holds a copy. End the session for both.
            await db.AuthSessions.IgnoreQueryFilters()
                .Where(s => s.Id == session.Id && s.RevokedAt == null)
                .ExecuteUpdateAsync(set => set
                    .SetProperty(s => s.RevokedAt, now)
                    .SetProperty(s => s.RevokedReason, "refresh-token-reuse"), cancellationToken);
            await sessions.AnnounceAsync(new Accounts.SessionsEnded(session.BusinessId, session.UserId, null, "refresh-token-reuse", session.Id));
            logger.LogWarning("Refresh token reuse detected; session {SessionId} revoked", session.Id);
            return new RefreshOutcome.Ended();
        }
    }

    private RefreshOutcome.Refreshed Refreshed(AuthSession session, string? cookieToken) =>
        new(session.User!, tokenIssuer.Issue(session.User!, session.Id), cookieToken, session.ExpiresAt);

    /// <summary>Revokes the session named by the access token, or else the one the refresh cookie belongs to.</summary>
    public async Task SignOutAsync(Guid? sessionId, string? refreshToken, CancellationToken cancellationToken)
    {
        AuthSession? session = null;
        if (sessionId is { } id)
        {
            session = await db.AuthSessions.IgnoreQueryFilters().Include(s => s.User).SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        }
        if (session is null && refreshToken is not null)
        {
            var hash = RefreshTokenChain.Hash(refreshToken);
            session = await db.AuthSessions.IgnoreQueryFilters().Include(s => s.User)
                .SingleOrDefaultAsync(s => s.CurrentTokenHash == hash, cancellationToken);
        }
        if (session is null || session.RevokedAt is not null)
        {
            return;
        }
        session.RevokedAt = clock.GetUtcNow();
        session.RevokedReason = "signed-out";
        // Signed out by the cookie alone, the request names nobody: the session says who it was.
        audit.Record(db, AuditActions.SignOut, AuditTarget.User(session.UserId, session.User?.Email), new { sessionId = session.Id },
            AuditActor.Current.AsUser(session.BusinessId, session.UserId, session.User?.DisplayName));
        await db.SaveChangesAsync(cancellationToken);
        await sessions.AnnounceAsync(new Accounts.SessionsEnded(session.BusinessId, session.UserId, null, "signed-out", session.Id));
    }

    private RefreshTokenChain Chain => RefreshTokenChain.FromSecret(Settings.JwtSecret);
}
