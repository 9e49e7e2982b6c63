using AgentLocator.Grains.Data;
using AgentLocator.Grains.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace AgentLocator.Api.Accounts;

/// <summary>The plan's user cap: enabled users and open invitations each hold a seat (a disabled user holds none).</summary>
public static class UserSeats
{
    public static async Task<(int Taken, int? Max)> CountAsync(AgentLocatorDbContext db, Guid businessId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var max = await db.Businesses.Where(b => b.Id == businessId).Select(b => b.MaxUsers).SingleAsync(cancellationToken);
        if (max is null)
        {
            return (0, null);
        }
        var users = await db.Users.IgnoreQueryFilters().CountAsync(u => u.BusinessId == businessId && u.DisabledAt == null, cancellationToken);
        var invitations = await db.AccountLinks.IgnoreQueryFilters().CountAsync(l => l.BusinessId == businessId
            && l.Kind == AccountLinkKinds.Invitation && l.UsedAt == null && l.RevokedAt == null && l.ExpiresAt > now, cancellationToken);
        return (users + invitations, max);
    }

    public const string ProblemType = "https://agentlocator.app/problems/user-cap";

    public static IResult Full(int? max) => TypedResults.Problem(
        statusCode: StatusCodes.Status409Conflict,
        type: ProblemType,
        title: "התוכנית של העסק לא מאפשרת משתמשים נוספים.",
        detail: $"התוכנית מאפשרת עד {max} משתמשים פעילים (כולל הזמנות פתוחות). בטלו הזמנה, השביתו משתמש או שדרגו את התוכנית.",
        extensions: new Dictionary<string, object?> { ["maxUsers"] = max });
}
