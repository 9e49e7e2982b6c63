using AgentLocator.Grains.Abstractions;
using AgentLocator.Grains.Data;
using AgentLocator.Grains.Data.Entities;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace AgentLocator.Api.Infrastructure.Hosting;

/// <summary>
/// Development only: puts the database back to the demo seed (the AppHost's "Reset demo data" command calls it).
/// The schema is dropped and migrated again, so nothing a developer created survives; the seed's rows get new ids,
/// so grains keyed by an id and still holding old state are simply never addressed again. Grains keyed by something
/// the new rows share (a business's phone number) are told to forget.
/// </summary>
public static class DevelopmentReset
{
    public const string Path = "/api/development/reset-demo-data";

    public static WebApplication MapDevelopmentReset(this WebApplication app)
    {
        if (app.Environment.IsDevelopment())
        {
            app.MapPost(Path, ResetAsync).ExcludeFromDescription();
        }
        return app;
    }

    private static async Task<IResult> ResetAsync(
        AgentLocatorDbContext db, NpgsqlDataSource dataSource, IPasswordHasher<User> hasher, IServiceProvider services, IConfiguration configuration,
        IGrainFactory grains, ILogger<WebApplication> logger, CancellationToken cancellationToken)
    {
        // The old rows' numbers (a developer's own too): after the reset they belong to another business id, or to none.
        var numbers = await db.Businesses.IgnoreQueryFilters().Where(b => b.TwilioNumber != null).Select(b => b.TwilioNumber!).ToListAsync(cancellationToken);
        await using (var migrationLock = await dataSource.OpenConnectionAsync(cancellationToken))
        {
            await DatabaseStartup.TakeLockAsync(migrationLock, cancellationToken);
            await db.Database.ExecuteSqlRawAsync("DROP SCHEMA public CASCADE; CREATE SCHEMA public;", cancellationToken);
            await db.EnsureMigrationHistoryAsync(cancellationToken);
            await db.Database.MigrateAsync(cancellationToken);
            await using var release = new NpgsqlCommand($"SELECT pg_advisory_unlock({DatabaseStartup.MigrationLockKey})", migrationLock);
            await release.ExecuteNonQueryAsync(cancellationToken);
        }

        // Every session is gone with the schema: none may be remembered as live.
        services.GetRequiredService<Accounts.LiveSessions>().ForgetAll();
        services.GetRequiredService<Account.MeCache>().ForgetAll();
        await DevelopmentSeed.ApplyAsync(db, hasher, cancellationToken);
        await services.FillDemoDataAsync(configuration, logger, cancellationToken);
        numbers.AddRange(await db.Businesses.IgnoreQueryFilters().Where(b => b.TwilioNumber != null).Select(b => b.TwilioNumber!).ToListAsync(cancellationToken));
        await Task.WhenAll(numbers.Distinct().Select(number => grains.GetGrain<IBusinessNumberGrain>(number).Forget()));
        logger.LogInformation("Development reset: schema re-created and the demo seed applied.");
        return Results.NoContent();
    }
}
