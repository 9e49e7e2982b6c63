using AgentLocator.Grains.Audit;
using AgentLocator.Api.Infrastructure.Auth;
using AgentLocator.Grains.Data;
using AgentLocator.Grains.Data.Entities;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace AgentLocator.Api.Accounts;

/// <summary>A user's own account: change the password (the current one required) and sign out every other session.</summary>
public static class OwnAccountApi
{
    public static IEndpointRouteBuilder MapOwnAccount(this IEndpointRouteBuilder app)
    {
        var me = app.MapGroup("/api/me").RequireAuthorization().WithTags("Me");
        me.MapPut("/password", ChangePasswordAsync).ProducesValidationProblem().Produces<SessionsEndedResponse>()
            .WithSummary("Change the password; the current one is required. Other sessions are signed out, this one stays.");
        me.MapPost("/sign-out-others", SignOutOthersAsync).Produces<SessionsEndedResponse>()
            .WithSummary("End every session of the caller but this one; their open tabs are signed out at once.");
        return app;
    }

    public static async Task<IResult> ChangePasswordAsync(ChangePasswordRequest request, HttpContext context, AgentLocatorDbContext db,
        IPasswordHasher<User> hasher, SessionEnder sessions, IAuditLog audit, CancellationToken cancellationToken)
    {
        var user = await db.Users.SingleAsync(u => u.Id == context.User.GetUserId(), cancellationToken);
        if (string.IsNullOrEmpty(request.CurrentPassword) || request.CurrentPassword.Length > PasswordPolicy.MaximumLength
            || hasher.VerifyHashedPassword(user, user.PasswordHash, request.CurrentPassword) == PasswordVerificationResult.Failed)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["currentPassword"] = ["הסיסמה הנוכחית שגויה."] });
        }
        if (PasswordPolicy.Problem(request.NewPassword) is { } problem)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["newPassword"] = [problem] });
        }
        user.PasswordHash = hasher.HashPassword(user, request.NewPassword!);
        audit.Record(db, AuditActions.PasswordChanged, AuditTarget.User(user.Id, user.Email));
        await db.SaveChangesAsync(cancellationToken);
        var ended = await sessions.EndAsync(db, new SessionsEnded(user.BusinessId, user.Id, context.User.FindSessionId(), "password-changed"), cancellationToken);
        return TypedResults.Ok(new SessionsEndedResponse(ended));
    }

    public static async Task<IResult> SignOutOthersAsync(HttpContext context, AgentLocatorDbContext db, SessionEnder sessions, IAuditLog audit,
        CancellationToken cancellationToken)
    {
        var user = context.User;
        var ended = await sessions.EndAsync(db, new SessionsEnded(user.GetBusinessId(), user.GetUserId(), user.FindSessionId(), "signed-out-elsewhere"),
            cancellationToken);
        await audit.RecordAsync(AuditActions.OtherSessionsSignedOut, AuditTarget.User(user.GetUserId(), null), new { ended }, cancellationToken: cancellationToken);
        return TypedResults.Ok(new SessionsEndedResponse(ended));
    }
}
