using AgentLocator.Grains.Audit;
using AgentLocator.Api.Infrastructure.Auth;
using AgentLocator.Grains.Abstractions;
using AgentLocator.Grains.Data;
using AgentLocator.Grains.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace AgentLocator.Api.Accounts;

/// <summary>
/// An admin's controls over the business's users beyond features (those are in <c>AdminApi</c>): role, disable and
/// enable, and a password-reset link. The business always keeps at least one enabled admin (409 otherwise).
/// </summary>
public static class UsersAdminApi
{
    public const string LastAdminProblemType = "https://agentlocator.app/problems/last-admin";

    public static RouteGroupBuilder MapUserAdministration(this RouteGroupBuilder admin)
    {
        admin.MapPut("/users/{id:guid}/role", SetRoleAsync).ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).WithSummary("Make a user admin or agent; 409 for the last enabled admin.");
        admin.MapPost("/users/{id:guid}/disable", DisableAsync).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Disable a user: their sessions end and open tabs are signed out at once; their tasks stay. 409 for the last enabled admin.");
        admin.MapPost("/users/{id:guid}/enable", EnableAsync).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Let a disabled user sign in again; 409 when the plan's user cap is reached.");
        admin.MapPost("/users/{id:guid}/password-reset", IssueResetAsync).Produces<AccountLinkIssued>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status404NotFound).WithSummary("A one-time link (7 days) for the user to set a new password.");
        return admin;
    }

    private static IResult NotFound() => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "המשתמש לא נמצא.");

    private static IResult LastAdmin() => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, type: LastAdminProblemType,
        title: "זהו המנהל הפעיל האחרון של העסק.", detail: "מנו מנהל נוסף לפני שמורידים הרשאה או משביתים את המנהל הזה.");

    /// <summary>True when no other enabled admin would remain besides <paramref name="userId"/>.</summary>
    private static async Task<bool> IsLastAdminAsync(AgentLocatorDbContext db, Guid userId, CancellationToken cancellationToken) =>
        !await db.Users.AnyAsync(u => u.Id != userId && u.Role == UserRoles.Admin && u.DisabledAt == null, cancellationToken);

    public static async Task<IResult> SetRoleAsync(Guid id, RoleRequest request, HttpContext context, AgentLocatorDbContext db, IGrainFactory grains,
        IAuditLog audit, CancellationToken cancellationToken)
    {
        if (request.Role is not (UserRoles.Admin or UserRoles.Agent))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["role"] = ["role must be admin or agent."] });
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await BusinessLock.TakeAsync(db, context.User.GetBusinessId(), cancellationToken);
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == id, cancellationToken);
        if (user is null)
        {
            return NotFound();
        }
        if (user.Role == UserRoles.Admin && request.Role == UserRoles.Agent && user.DisabledAt is null && await IsLastAdminAsync(db, id, cancellationToken))
        {
            return LastAdmin();
        }
        if (user.Role != request.Role)
        {
            audit.Record(db, AuditActions.UserRoleChanged, AuditTarget.User(user.Id, user.Email), new AuditChange<string>(user.Role, request.Role));
        }
        user.Role = request.Role;
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Ok(await UserListing.DescribeAsync(user, grains, cancellationToken));
    }

    public static async Task<IResult> DisableAsync(Guid id, HttpContext context, AgentLocatorDbContext db, SessionEnder sessions, IGrainFactory grains,
        TimeProvider clock, IAuditLog audit, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await BusinessLock.TakeAsync(db, context.User.GetBusinessId(), cancellationToken);
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == id, cancellationToken);
        if (user is null)
        {
            return NotFound();
        }
        if (user.DisabledAt is null)
        {
            if (user.Role == UserRoles.Admin && await IsLastAdminAsync(db, id, cancellationToken))
            {
                return LastAdmin();
            }
            user.DisabledAt = clock.GetUtcNow();
            audit.Record(db, AuditActions.UserDisabled, AuditTarget.User(user.Id, user.Email));
            await db.SaveChangesAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        // After the commit: a session check that runs now already sees the user disabled.
        await sessions.EndAsync(db, new SessionsEnded(user.BusinessId, user.Id, null, "user-disabled"), cancellationToken);
        return TypedResults.Ok(await UserListing.DescribeAsync(user, grains, cancellationToken));
    }

    public static async Task<IResult> EnableAsync(Guid id, HttpContext context, AgentLocatorDbContext db, IGrainFactory grains, TimeProvider clock,
        IAuditLog audit, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var businessId = context.User.GetBusinessId();
        await BusinessLock.TakeAsync(db, businessId, cancellationToken);
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == id, cancellationToken);
        if (user is null)
        {
            return NotFound();
        }
        if (user.DisabledAt is not null)
        {
            var (taken, max) = await UserSeats.CountAsync(db, businessId, clock.GetUtcNow(), cancellationToken);
            if (max is not null && taken >= max)
            {
                return UserSeats.Full(max);
            }
            user.DisabledAt = null;
            audit.Record(db, AuditActions.UserEnabled, AuditTarget.User(user.Id, user.Email));
            await db.SaveChangesAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Ok(await UserListing.DescribeAsync(user, grains, cancellationToken));
    }

    public static async Task<IResult> IssueResetAsync(Guid id, HttpContext context, AgentLocatorDbContext db, IConfiguration configuration,
        TimeProvider clock, IAuditLog audit, CancellationToken cancellationToken)
    {
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == id, cancellationToken);
        if (user is null)
        {
            return NotFound();
        }
        if (user.DisabledAt is not null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "המשתמש מושבת.", detail: "הפעילו את המשתמש לפני איפוס הסיסמה.");
        }
        var now = clock.GetUtcNow();
        // A new reset link replaces any earlier one for the same user.
        await db.AccountLinks.Where(l => l.UserId == id && l.Kind == AccountLinkKinds.PasswordReset && l.UsedAt == null && l.RevokedAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(l => l.RevokedAt, now), cancellationToken);
        var token = AccountLinkTokens.NewToken();
        var link = new AccountLink
        {
            Id = Guid.CreateVersion7(),
            BusinessId = user.BusinessId,
            Kind = AccountLinkKinds.PasswordReset,
            TokenHash = AccountLinkTokens.Hash(token),
            UserId = user.Id,
            Email = user.Email,
            Phone = user.Phone,
            CreatedByUserId = context.User.GetUserId(),
            CreatedAt = now,
            ExpiresAt = now.Add(AccountLinkTokens.Lifetime),
        };
        db.AccountLinks.Add(link);
        audit.Record(db, AuditActions.PasswordResetIssued, AuditTarget.User(user.Id, user.Email), new { expiresAt = link.ExpiresAt });
        await db.SaveChangesAsync(cancellationToken);
        var url = AccountLinkTokens.Url(InvitationsApi.PublicBase(configuration, context), AccountLinkKinds.PasswordReset, token);
        return TypedResults.Created((string?)null, new AccountLinkIssued(url, link.ExpiresAt));
    }
}
