using AgentLocator.Grains.Audit;
using System.Net.Mail;
using AgentLocator.Api.Account;
using AgentLocator.Grains.Data;
using AgentLocator.Grains.Data.Entities;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using StackExchange.Redis;

namespace AgentLocator.Api.Accounts;

/// <summary>
/// The public side of one-time links: <c>/invite/{token}</c> and <c>/reset-password/{token}</c> pages read the link and
/// post the new password here. The token is the credential; used once, it is dead. Success signs the person in.
/// </summary>
public static class AccountLinksApi
{
    public const string Path = "/api/account-links/{token}";

    public static IEndpointRouteBuilder MapAccountLinks(this IEndpointRouteBuilder app)
    {
        var links = app.MapGroup("").AllowAnonymous().WithTags("Account links");
        links.MapGet(Path, GetAsync).Produces<AccountLinkResponse>().ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("What a one-time link is for (invitation or password reset); 404 when used, revoked, expired or unknown.");
        links.MapPost(Path, AcceptAsync).RequireRateLimiting(AuthApi.SignInRateLimitPolicy)
            .Produces<AuthResponse>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Use the link: set the password (and, for an invitation, the display name); signs in and sets the refresh cookie.");
        return app;
    }

    private static IResult Dead() => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound,
        title: "הקישור אינו בתוקף.", detail: "הקישור כבר שומש, בוטל או שפג תוקפו. בקשו קישור חדש ממנהל העסק.");

    private static async Task<(AccountLink Link, Business Business, User? User)?> FindAsync(AgentLocatorDbContext db, string token, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        if (!AccountLinkTokens.LooksValid(token))
        {
            return null;
        }
        var hash = AccountLinkTokens.Hash(token);
        var link = await db.AccountLinks.IgnoreQueryFilters()
            .SingleOrDefaultAsync(l => l.TokenHash == hash && l.UsedAt == null && l.RevokedAt == null && l.ExpiresAt > now, cancellationToken);
        if (link is null)
        {
            return null;
        }
        var business = await db.Businesses.SingleAsync(b => b.Id == link.BusinessId, cancellationToken);
        var user = link.UserId is { } userId ? await db.Users.IgnoreQueryFilters().SingleOrDefaultAsync(u => u.Id == userId, cancellationToken) : null;
        if (business.SuspendedAt is not null || (link.Kind == AccountLinkKinds.PasswordReset && user is not { DisabledAt: null }))
        {
            return null;
        }
        return (link, business, user);
    }

    public static async Task<IResult> GetAsync(string token, AgentLocatorDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (await FindAsync(db, token, clock.GetUtcNow(), cancellationToken) is not var (link, business, user))
        {
            return Dead();
        }
        return TypedResults.Ok(new AccountLinkResponse(link.Kind, business.Name, user?.Email ?? link.Email, link.Phone, link.Role, user?.DisplayName,
            link.ExpiresAt, link.Kind == AccountLinkKinds.Invitation && link.Email is null));
    }

    public static async Task<IResult> AcceptAsync(string token, AcceptAccountLinkRequest request, HttpContext context, AgentLocatorDbContext db,
        SignInService signIn, SessionEnder sessions, IPasswordHasher<User> hasher, IConnectionMultiplexer redis, TimeProvider clock,
        ILogger<AcceptAccountLinkRequest> logger, IAuditLog audit, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (await FindAsync(db, token, now, cancellationToken) is not var (link, business, existing))
        {
            return Dead();
        }
        var errors = new Dictionary<string, string[]>();
        if (PasswordPolicy.Problem(request.Password) is { } passwordProblem)
        {
            errors["password"] = [passwordProblem];
        }
        var isInvitation = link.Kind == AccountLinkKinds.Invitation;
        var displayName = request.DisplayName?.Trim();
        if (isInvitation && (string.IsNullOrEmpty(displayName) || displayName.Length > 200))
        {
            errors["displayName"] = ["יש לציין שם לתצוגה (עד 200 תווים)."];
        }
        var email = link.Email;
        if (isInvitation && email is null)
        {
            if (request.Email is { Length: > 0 and <= 254 } given && MailAddress.TryCreate(given.Trim(), out _))
            {
                email = SignInService.NormalizeEmail(given);
            }
            else
            {
                errors["email"] = ["יש לציין כתובת דוא\"ל תקינה: בה תתחברו למערכת."];
            }
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "לא ניתן להשלים את ההרשמה.");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await BusinessLock.TakeAsync(db, business.Id, cancellationToken);
        // One use only: of two concurrent posts of the same link, the second finds it used.
        var claimed = await db.AccountLinks.IgnoreQueryFilters().Where(l => l.Id == link.Id && l.UsedAt == null && l.RevokedAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(l => l.UsedAt, now), cancellationToken);
        if (claimed != 1)
        {
            return Dead();
        }
        User user;
        if (isInvitation)
        {
            if (await db.Users.IgnoreQueryFilters().AnyAsync(u => u.Email == email, cancellationToken))
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "כבר קיים משתמש עם כתובת הדוא\"ל הזו.",
                    detail: "התחברו עם הסיסמה הקיימת, או בקשו ממנהל העסק קישור לאיפוס סיסמה.");
            }
            // This invitation held a seat until now; the seat passes to the user it creates.
            var activeUsers = await db.Users.IgnoreQueryFilters().CountAsync(u => u.BusinessId == business.Id && u.DisabledAt == null, cancellationToken);
            if (business.MaxUsers is { } max && activeUsers >= max)
            {
                return UserSeats.Full(max);
            }
            user = new User
            {
                Id = Guid.CreateVersion7(),
                BusinessId = business.Id,
                Email = email!,
                Phone = link.Phone,
                DisplayName = displayName!,
                Role = link.Role ?? UserRoles.Agent,
                FeatureLimits = link.FeatureLimits,
                PasswordHash = "",
                CreatedAt = now,
            };
            user.PasswordHash = hasher.HashPassword(user, request.Password!);
            db.Users.Add(user);
        }
        else
        {
            user = existing!;
            user.PasswordHash = hasher.HashPassword(user, request.Password!);
        }
        user.Business = business;
        // Not signed in yet: the link's holder acts as the user it creates or resets.
        audit.Record(db, isInvitation ? AuditActions.InvitationAccepted : AuditActions.PasswordReset, AuditTarget.User(user.Id, user.Email),
            null, AuditActor.Current.AsUser(business.Id, user.Id, user.DisplayName));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        if (!isInvitation)
        {
            // Whoever knew the old password is out.
            await sessions.EndAsync(db, new SessionsEnded(business.Id, user.Id, null, "password-reset"), cancellationToken);
        }
        await BusinessChanges.PublishAsync(redis, business.Id, logger);
        var session = await signIn.StartSessionAsync(user, cancellationToken);
        RefreshCookie.Write(context.Response, session.RefreshToken, session.SessionExpiresAt);
        return TypedResults.Ok(new AuthResponse(session.AccessToken.Token, session.AccessToken.ExpiresAt, UserResponse.From(user)));
    }
}
