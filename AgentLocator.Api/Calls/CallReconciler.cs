using AgentLocator.Api.Infrastructure.Configuration;
using AgentLocator.Grains.Abstractions;
using AgentLocator.Grains.Calls;
using AgentLocator.Grains.Data;
using AgentLocator.Grains.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace AgentLocator.Api.Calls;

/// <summary>
/// The backstop for calls whose after-call work never ran: a silo stopped mid-call, or Twilio's status callback
/// never came (it is configured on the number, not in our TwiML); and for calls whose outcome is stale, where a
/// recording or transcript came after the outcome and a crash kept it from being made again. At start-up and then
/// periodically it asks each such call's grain to finish, so every call ends with a disposition, its summary and
/// its follow-up task covering everything the caller left.
/// </summary>
public sealed class CallReconciler(
    TenantDbContextFactory contexts,
    IGrainFactory grains,
    TimeProvider clock,
    IConfiguration configuration,
    ILogger<CallReconciler> logger) : BackgroundService
{
    private const int BatchSize = 200;

    /// <summary>A call quiet this long is over: three 30-second messages and their replies take a few minutes.</summary>
    private static readonly TimeSpan Abandoned = TimeSpan.FromMinutes(30);

    /// <summary>A final status this old without the after-call work means the work was lost, not that it is running.</summary>
    private static readonly TimeSpan Unfinished = TimeSpan.FromMinutes(5);

    private TimeSpan Interval => configuration.GetDuration("Calls:ReconcileInterval", TimeSpan.FromMinutes(5));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        do
        {
            try
            {
                await ReconcileAsync(stoppingToken);
            }
            catch (Exception error) when (error is not OperationCanceledException and not OutOfMemoryException)
            {
                logger.LogWarning(error, "Could not reconcile unfinished calls; will retry on the next pass");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Returns how many calls were handed back to their grains.</summary>
    public async Task<int> ReconcileAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var unfinishedBefore = now - Unfinished;
        var abandonedBefore = now - Abandoned;
        List<(string CallSid, bool Final)> calls;
        // Only the calls table is read, so switching its tenant filter off exposes no other business's rows.
        await using (var db = contexts.AcrossTenants())
        {
            calls = [.. (await db.Calls.IgnoreQueryFilters().AsNoTracking()
                .Where(c => c.ProcessedAt == null)
                .Where(c => (c.Status != CallStatus.InProgress && c.UpdatedAt < unfinishedBefore) || c.UpdatedAt < abandonedBefore)
                .OrderBy(c => c.UpdatedAt).Take(BatchSize)
                .Select(c => new { c.CallSid, Final = c.Status != CallStatus.InProgress })
                .ToListAsync(cancellationToken)).Select(c => (c.CallSid, c.Final))];
            // An outcome made before a turn came or finished; quiet this long, nothing is about to make it again.
            var stale = await db.Calls.IgnoreQueryFilters().AsNoTracking()
                .Where(CallOutcome.IsStale).Where(c => c.UpdatedAt < unfinishedBefore)
                .OrderBy(c => c.UpdatedAt).Take(BatchSize)
                .Select(c => c.CallSid).ToListAsync(cancellationToken);
            // Processed, so it has an outcome: finishing makes it again (a status may never have come; none is invented).
            calls.AddRange(stale.Select(callSid => (callSid, true)));
        }
        foreach (var (callSid, final) in calls)
        {
            var call = grains.GetGrain<ICallGrain>(callSid);
            if (final)
            {
                await call.Finish();
            }
            else
            {
                // No status ever came: the call ended without telling us; completing it runs the after-call work.
                await call.RecordStatus(new CallStatusUpdate(WireNames<CallStatus>.Of(CallStatus.Completed)));
            }
        }
        if (calls.Count > 0)
        {
            logger.LogInformation("Handed {Count} unfinished or stale call(s) back to their grains", calls.Count);
        }
        return calls.Count;
    }
}
