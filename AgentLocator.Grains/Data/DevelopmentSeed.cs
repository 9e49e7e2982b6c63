using AgentLocator.Grains.Data.Entities;
using AgentLocator.Grains.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace AgentLocator.Grains.Data;

/// <summary>
/// Demo data for a developer's machine (documented in the README). Idempotent: each row is created only when
/// its natural key (business name, user email) is missing, so re-running never duplicates or overwrites.
/// </summary>
public static class DevelopmentSeed
{
    public const string DemoPassword = "Passw0rd!";
    public const string DemoBusinessName = "סוכנות לדוגמה";
    public const string OtherBusinessName = "עסק אחר";

    // Several API instances may start at once (tests run two silos); one seeds, the others wait and find it done.
    private const long SeedLockKey = 0x_A6E7_5EED;

    public static async Task<bool> ApplyAsync(AgentLocatorDbContext db, IPasswordHasher<User> hasher, CancellationToken cancellationToken = default)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({SeedLockKey})", cancellationToken);

        var demo = await EnsureBusinessAsync(db, DemoBusinessName, "+97235550100", cancellationToken);
        var other = await EnsureBusinessAsync(db, OtherBusinessName, "+97235550200", cancellationToken);
        var created = db.ChangeTracker.Entries().Any(entry => entry.State == EntityState.Added);

        created |= await EnsureUserAsync(db, hasher, demo, "admin@demo.local", "מנהלת הדגמה", UserRoles.Admin, cancellationToken);
        created |= await EnsureUserAsync(db, hasher, demo, "agent@demo.local", "סוכן הדגמה", UserRoles.Agent, cancellationToken);
        created |= await EnsureUserAsync(db, hasher, other, "admin@other.local", "מנהל עסק אחר", UserRoles.Admin, cancellationToken);

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return created;
    }

    private static async Task<Business> EnsureBusinessAsync(AgentLocatorDbContext db, string name, string twilioNumber, CancellationToken cancellationToken)
    {
        var business = await db.Businesses.SingleOrDefaultAsync(b => b.Name == name, cancellationToken);
        if (business is not null)
        {
            return business;
        }
        business = new Business
        {
            Id = Guid.CreateVersion7(),
            Name = name,
            TwilioNumber = twilioNumber,
            // The same number is its WhatsApp sender, so the simulator's WhatsApp messages (--to defaults to it) land here.
            WhatsAppNumber = twilioNumber,
            PlanFeatures = [.. FeatureNames.All],
            CreatedAt = DateTimeOffset.UtcNow,
        };
        db.Businesses.Add(business);
        return business;
    }

    private static async Task<bool> EnsureUserAsync(
        AgentLocatorDbContext db, IPasswordHasher<User> hasher, Business business, string email, string displayName, string role,
        CancellationToken cancellationToken)
    {
        if (await db.Users.IgnoreQueryFilters().AnyAsync(u => u.Email == email, cancellationToken))
        {
            return false;
        }
        var user = new User
        {
            Id = Guid.CreateVersion7(),
            BusinessId = business.Id,
            Email = email,
            DisplayName = displayName,
            Role = role,
            PasswordHash = "",
            CreatedAt = DateTimeOffset.UtcNow,
        };
        user.PasswordHash = hasher.HashPassword(user, DemoPassword);
        db.Users.Add(user);
        return true;
    }
}
