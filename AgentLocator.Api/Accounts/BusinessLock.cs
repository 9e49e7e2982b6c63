using AgentLocator.Grains.Data;
using Microsoft.EntityFrameworkCore;

namespace AgentLocator.Api.Accounts;

/// <summary>
/// Serialises changes to one business's users inside a transaction (a Postgres advisory lock until commit), so two
/// admins cannot both take the last seat of the plan or demote each other until no admin is left.
/// </summary>
public static class BusinessLock
{
    private const long Namespace = 0x_A6E7_0000_0000;

    public static Task TakeAsync(AgentLocatorDbContext db, Guid businessId, CancellationToken cancellationToken)
    {
        var key = Namespace ^ (BitConverter.ToInt64(businessId.ToByteArray(), 8) & 0x_FFFF_FFFF);
        return db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({key})", cancellationToken);
    }
}
