using AgentLocator.Api.Infrastructure.Configuration;
using AgentLocator.Grains.Abstractions;
using AgentLocator.Grains.Data;
using Microsoft.EntityFrameworkCore;

namespace AgentLocator.Api.Tasks.Alerts;

/// <summary>
/// The durable backstop behind reminders. At start-up it re-arms open tasks whose alert is ahead (a lost Redis
/// loses the reminders, not the tasks), and then, every sweep, it hands every due-but-undelivered alert it finds
/// in Postgres to its task's grain: after a restart, a crash or a missed tick, nothing stays unsent. Every silo
/// runs it; the alert's unique key makes the duplicates harmless.
/// </summary>
public sealed class TaskAlertSweeper(
    IServiceScopeFactory scopes,
    IGrainFactory grains,
    TimeProvider clock,
    IConfiguration configuration,
    ILogger<TaskAlertSweeper> logger) : BackgroundService
{
    private const int BatchSize = 500;

    /// <summary>Tasks due further ahead keep their persisted reminders; a later sweep would catch them anyway.</summary>
    private static readonly TimeSpan RearmHorizon = TimeSpan.FromHours(24);

    private TimeSpan Interval => configuration.GetDuration("Alerts:SweepInterval", TimeSpan.FromSeconds(15));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await RunSafelyAsync(() => RearmUpcomingAsync(stoppingToken), "re-arm upcoming alerts");
        using var timer = new PeriodicTimer(Interval, clock);
        do
        {
            await RunSafelyAsync(() => DeliverDueAsync(stoppingToken), "deliver due alerts");
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Hands due alerts with no delivered (or freshly claimed) alert row to their grains. Returns how many.</summary>
    public async Task<int> DeliverDueAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var staleClaim = now.AddSeconds(-30);
        var due = await QueryAsync(db => db.Tasks.IgnoreQueryFilters()
            .Where(t => t.Status == "open" && t.DeletedAt == null && t.RemindAt <= now)
            .Where(t => !db.TaskAlerts.IgnoreQueryFilters().Any(a => a.TaskId == t.Id && a.ReminderAt == t.RemindAt
                && (a.DeliveredAt != null || a.ClaimedAt > staleClaim)))
            .OrderBy(t => t.RemindAt).Select(t => t.Id).Take(BatchSize), cancellationToken);
        await ReconcileAsync(due, cancellationToken);
        if (due.Count > 0)
        {
            logger.LogInformation("Sweep handed {Count} due alert(s) to their tasks", due.Count);
        }
        return due.Count;
    }

    private async Task RearmUpcomingAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var horizon = now + RearmHorizon;
        var upcoming = await QueryAsync(db => db.Tasks.IgnoreQueryFilters()
            .Where(t => t.Status == "open" && t.DeletedAt == null && t.RemindAt > now && t.RemindAt <= horizon)
            .Select(t => t.Id), cancellationToken);
        await ReconcileAsync(upcoming, cancellationToken);
        logger.LogInformation("Start-up re-armed {Count} alert(s) due in the next {Hours} h", upcoming.Count, RearmHorizon.TotalHours);
    }

    private async Task<List<Guid>> QueryAsync(Func<AgentLocatorDbContext, IQueryable<Guid>> query, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AgentLocatorDbContext>();
        return await query(db).ToListAsync(cancellationToken);
    }

    private Task ReconcileAsync(IEnumerable<Guid> taskIds, CancellationToken cancellationToken) =>
        Parallel.ForEachAsync(taskIds, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken },
            async (id, _) => await grains.GetGrain<ITaskGrain>(id).Reconcile());

    private async Task RunSafelyAsync(Func<Task> work, string what)
    {
        try
        {
            await work();
        }
        catch (Exception error) when (error is not OperationCanceledException and not OutOfMemoryException)
        {
            // The next sweep tries again; one failed pass (database restarting, say) must not stop the loop.
            logger.LogWarning(error, "Could not {What}; will retry on the next sweep", what);
        }
    }
}
