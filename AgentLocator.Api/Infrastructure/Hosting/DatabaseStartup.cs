using AgentLocator.Grains.Data;
using AgentLocator.Grains.Data.Demo;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;

namespace AgentLocator.Api.Infrastructure.Hosting;

public static class DatabaseStartup
{
    internal const long MigrationLockKey = 0x_A6E7_3161;

    /// <summary>
    /// Development brings its schema and demo data up to date on every start; Production changes the schema
    /// only through the explicit <c>migrate</c> command, so a deploy never migrates by surprise.
    /// </summary>
    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            return;
        }
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AgentLocatorDbContext>();
        // The AppHost starts two replicas at once; EF's own migration lock does not cover Postgres, so the first one
        // migrates under a session advisory lock while the other waits and then finds nothing pending.
        await using (var migrationLock = await app.Services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync())
        {
            await TakeLockAsync(migrationLock, CancellationToken.None);
            await db.EnsureMigrationHistoryAsync(CancellationToken.None);
            await db.Database.MigrateAsync();
            await using var release = new NpgsqlCommand($"SELECT pg_advisory_unlock({MigrationLockKey})", migrationLock);
            await release.ExecuteNonQueryAsync();
        }
        var seeded = await DevelopmentSeed.ApplyAsync(db, scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.IPasswordHasher<Grains.Data.Entities.User>>());
        if (seeded)
        {
            app.Logger.LogInformation("Development seed applied: demo businesses and users created.");
        }
        await app.Services.FillDemoDataAsync(app.Configuration, app.Logger, CancellationToken.None);
    }

    /// <summary>
    /// Waits for the migration lock as long as its holder needs it: another replica migrating or filling the demo data
    /// takes longer than a command's default 30 s on a busy machine, and giving up there crashed the waiting replica.
    /// </summary>
    internal static async Task TakeLockAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var take = new NpgsqlCommand($"SELECT pg_advisory_lock({MigrationLockKey})", connection) { CommandTimeout = 0 };
        await take.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// The demo businesses' customers, calls and tasks, when <see cref="DemoBusinessData.SettingKey"/> asks for them (the
    /// AppHost does; tests do not, so their start-up stays quick). Under the migration lock, so replicas fill once.
    /// </summary>
    internal static async Task FillDemoDataAsync(this IServiceProvider services, IConfiguration configuration, ILogger logger, CancellationToken cancellationToken)
    {
        if (!configuration.GetValue<bool>(DemoBusinessData.SettingKey))
        {
            return;
        }
        await using var fillLock = await services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync(cancellationToken);
        await TakeLockAsync(fillLock, cancellationToken);
        try
        {
            var demo = ActivatorUtilities.CreateInstance<DemoBusinessData>(services, ActivatorUtilities.CreateInstance<DemoRecordings>(services));
            var added = await demo.FillAsync(services.GetRequiredService<TimeProvider>().GetUtcNow(), cancellationToken);
            if (added > 0)
            {
                logger.LogInformation("Demo data added: {Customers} customers with two weeks of calls, tasks and notes.", added);
            }
        }
        finally
        {
            await using var release = new NpgsqlCommand($"SELECT pg_advisory_unlock({MigrationLockKey})", fillLock);
            await release.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }

    /// <summary>
    /// Creates EF's history table if it is missing. On an empty database EF first reads the table to learn what is
    /// applied, and the failed read is logged as an error (a red line on every first run); created first, the read finds it.
    /// </summary>
    internal static async Task EnsureMigrationHistoryAsync(this AgentLocatorDbContext db, CancellationToken cancellationToken) =>
        await db.Database.ExecuteSqlRawAsync(db.GetService<IHistoryRepository>().GetCreateIfNotExistsScript(), cancellationToken);

    /// <summary>The <c>migrate</c> command: apply pending migrations and exit.</summary>
    public static async Task<int> MigrateAndExitAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AgentLocatorDbContext>();
        await db.EnsureMigrationHistoryAsync(CancellationToken.None);
        var pending = (await db.Database.GetPendingMigrationsAsync()).ToList();
        await db.Database.MigrateAsync();
        app.Logger.LogInformation("Applied {Count} migration(s): {Migrations}", pending.Count, pending.Count == 0 ? "none pending" : string.Join(", ", pending));
        return 0;
    }
}
