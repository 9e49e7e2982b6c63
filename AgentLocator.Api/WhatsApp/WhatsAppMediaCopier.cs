using System.Collections.Concurrent;
using System.Threading.Channels;
using AgentLocator.Grains.Data;
using AgentLocator.Grains.Data.Entities;
using AgentLocator.Grains.WhatsApp;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AgentLocator.Api.WhatsApp;

/// <summary>
/// Runs the media copies recorded with inbound messages (<c>whatsapp_media_jobs</c>), on every instance: it claims due
/// rows with <c>FOR UPDATE SKIP LOCKED</c> for a lease (renewed while the copy runs), runs
/// <see cref="WhatsAppMediaWork"/>, and marks the row done, or puts it back with a doubled wait, or gives up after
/// <see cref="WhatsAppMediaOptions.MaxAttempts"/>. An instance that dies mid-copy stops renewing, so another one claims
/// the row once the lease runs out; a graceful stop hands its rows back at once. Each change to a message goes live as
/// <c>whatsapp:message</c> (the media's URL, the transcript).
/// </summary>
public sealed class WhatsAppMediaCopier(
    TenantDbContextFactory contexts,
    IServiceProvider services,
    IWhatsAppChangeNotifier notifier,
    IOptions<WhatsAppMediaOptions> options,
    TimeProvider time,
    ILogger<WhatsAppMediaCopier> logger) : BackgroundService
{
    private readonly Channel<bool> wakeUps = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    /// <summary>Rows this instance is running, with the token of the claim it holds them by.</summary>
    private readonly ConcurrentDictionary<Guid, Guid> running = new();

    private WhatsAppMediaOptions Settings => options.Value;

    /// <summary>Tells this instance's copier that a copy was committed, so it need not wait for its next poll.</summary>
    public void Wake() => wakeUps.Writer.TryWrite(true);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var renewing = RenewLeasesAsync(stoppingToken);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var claimed = await ClaimSafelyAsync(Math.Max(1, Settings.MaxConcurrent), stoppingToken);
                // A stop does not wait for copies deaf to it: their leases run out and another instance takes them.
                await Task.WhenAll(claimed.Select(job => RunAsync(job, stoppingToken))).WaitAsync(stoppingToken);
                if (claimed.Count == 0)
                {
                    await WaitForWorkAsync(stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        await renewing;
    }

    private async Task WaitForWorkAsync(CancellationToken stoppingToken)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        wait.CancelAfter(Settings.PollInterval);
        try
        {
            await wakeUps.Reader.ReadAsync(wait.Token);
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task<IReadOnlyList<WhatsAppMediaJob>> ClaimSafelyAsync(int count, CancellationToken cancellationToken)
    {
        try
        {
            return await ClaimAsync(count, cancellationToken);
        }
        catch (Exception error) when (error is not OperationCanceledException and not OutOfMemoryException)
        {
            logger.LogWarning(error, "Could not claim WhatsApp media copies; will retry on the next poll.");
            return [];
        }
    }

    /// <summary>Claims up to <paramref name="count"/> due rows nobody holds (or whose holder's lease ran out), soonest due first.</summary>
    internal async Task<IReadOnlyList<WhatsAppMediaJob>> ClaimAsync(int count, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var until = now + Settings.ClaimLease;
        var token = Guid.NewGuid();
        await using var db = contexts.AcrossTenants();
        return await db.WhatsAppMediaJobs.FromSqlInterpolated($"""
                UPDATE whatsapp_media_jobs SET claimed_until = {until}, claim_token = {token}, attempts = attempts + 1
                WHERE id IN (
                    SELECT id FROM whatsapp_media_jobs
                    WHERE state = 'pending' AND next_attempt_at <= {now} AND (claimed_until IS NULL OR claimed_until < {now})
                    ORDER BY next_attempt_at
                    LIMIT {count}
                    FOR UPDATE SKIP LOCKED)
                RETURNING *
                """)
            .IgnoreQueryFilters().AsNoTracking().ToListAsync(cancellationToken);
    }

    private async Task RunAsync(WhatsAppMediaJob job, CancellationToken stoppingToken)
    {
        running[job.Id] = job.ClaimToken!.Value;
        try
        {
            foreach (var observer in services.GetServices<IWhatsAppMediaClaimObserver>())
            {
                await observer.ClaimedAsync(job, stoppingToken);
            }
            var outcome = await services.GetRequiredService<WhatsAppMediaWork>().RunAsync(job.BusinessId, job.MessageId, stoppingToken);
            await FinishAsync(job, outcome.Failure);
            if (outcome.Changed)
            {
                notifier.MessageChanged(new WhatsAppChange(job.BusinessId, null, job.MessageId, WhatsAppDirection.Inbound, IsNew: false));
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            await ReleaseAsync(job);
        }
        catch (Exception failure) when (failure is not OutOfMemoryException)
        {
            logger.LogError(failure, "The media copy of WhatsApp message {MessageId} failed.", job.MessageId);
            await FinishSafelyAsync(job, failure.GetType().Name);
        }
        finally
        {
            running.TryRemove(job.Id, out _);
        }
    }

    private async Task FinishSafelyAsync(WhatsAppMediaJob job, string failure)
    {
        try
        {
            await FinishAsync(job, failure);
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            // The lease runs out and the copy is tried again.
            logger.LogWarning(error, "Could not record the failed media copy of WhatsApp message {MessageId}.", job.MessageId);
        }
    }

    /// <summary>Done; or back to pending after the back-off; or failed for good. Only while this claim still holds the row.</summary>
    private async Task FinishAsync(WhatsAppMediaJob job, string? failure)
    {
        var now = time.GetUtcNow();
        var state = failure is null ? WhatsAppMediaJobStates.Done
            : job.Attempts >= Settings.MaxAttempts ? WhatsAppMediaJobStates.Failed
            : WhatsAppMediaJobStates.Pending;
        var next = now + Settings.RetryDelay(job.Attempts);
        DateTimeOffset? finished = state == WhatsAppMediaJobStates.Pending ? null : now;
        var reason = failure is { Length: > 500 } ? failure[..500] : failure;
        await using var db = contexts.AcrossTenants();
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            UPDATE whatsapp_media_jobs
            SET state = {state}, next_attempt_at = {next}, finished_at = {finished}, last_error = COALESCE({reason}, last_error), claimed_until = NULL, claim_token = NULL
            WHERE id = {job.Id} AND claim_token = {job.ClaimToken} AND state = 'pending'
            """, CancellationToken.None);
        if (state == WhatsAppMediaJobStates.Failed)
        {
            logger.LogError("Gave up on the media of WhatsApp message {MessageId} after {Attempts} attempts: {Failure}", job.MessageId, job.Attempts, reason);
        }
        else if (state == WhatsAppMediaJobStates.Pending)
        {
            logger.LogInformation("The media of WhatsApp message {MessageId} will be tried again at {Next:o}: {Failure}", job.MessageId, next, reason);
        }
    }

    /// <summary>A graceful stop hands the row back, so the next instance need not wait for the lease to run out.</summary>
    private async Task ReleaseAsync(WhatsAppMediaJob job)
    {
        try
        {
            await using var db = contexts.AcrossTenants();
            await db.Database.ExecuteSqlInterpolatedAsync($"""
                UPDATE whatsapp_media_jobs SET claimed_until = NULL, claim_token = NULL
                WHERE id = {job.Id} AND claim_token = {job.ClaimToken} AND state = 'pending'
                """);
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            logger.LogDebug(error, "Could not hand the media copy of WhatsApp message {MessageId} back on stopping.", job.MessageId);
        }
    }

    /// <summary>Extends the lease of every copy still running here, a few times per lease.</summary>
    private async Task RenewLeasesAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Settings.ClaimLease / 3, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                var held = running.ToArray();
                if (held.Length == 0)
                {
                    continue;
                }
                try
                {
                    var ids = held.Select(h => h.Key).ToArray();
                    var tokens = held.Select(h => h.Value).ToArray();
                    var until = time.GetUtcNow() + Settings.ClaimLease;
                    await using var db = contexts.AcrossTenants();
                    await db.Database.ExecuteSqlInterpolatedAsync($"""
                        UPDATE whatsapp_media_jobs j SET claimed_until = {until}
                        FROM unnest({ids}, {tokens}) AS held(id, token)
                        WHERE j.id = held.id AND j.claim_token = held.token AND j.state = 'pending'
                        """, stoppingToken);
                }
                catch (Exception error) when (error is not OperationCanceledException and not OutOfMemoryException)
                {
                    logger.LogWarning(error, "Could not renew the claims of {Count} WhatsApp media copies.", held.Length);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
