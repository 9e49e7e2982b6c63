using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;

namespace AgentLocator.AppHost;

/// <summary>
/// Writes each resource's state and health changes to the AppHost console, so a terminal without the dashboard open
/// (CI, ./run.sh in a plain shell) still shows what started, what it waits for and what failed.
/// </summary>
internal static class ResourceStateLog
{
    /// <summary>Started before the orchestrator (whose start-up only returns once every resource was launched).</summary>
    public static IDistributedApplicationBuilder LogResourceStates(this IDistributedApplicationBuilder builder)
    {
        builder.Eventing.Subscribe<BeforeStartEvent>((e, cancellationToken) =>
        {
            var notifications = e.Services.GetRequiredService<ResourceNotificationService>();
            var resourceLogs = e.Services.GetRequiredService<ResourceLoggerService>();
            var logger = e.Services.GetRequiredService<ILoggerFactory>().CreateLogger("AgentLocator.Resources");
            var stopping = e.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
            _ = Task.Run(() => WatchAsync(notifications, resourceLogs, logger, stopping), CancellationToken.None);
            return Task.CompletedTask;
        });
        return builder;
    }

    private static async Task WatchAsync(ResourceNotificationService notifications, ResourceLoggerService resourceLogs, ILogger logger, CancellationToken stopping)
    {
        var last = new ConcurrentDictionary<string, string>();
        try
        {
            await foreach (var update in notifications.WatchAsync(stopping))
            {
                var snapshot = update.Snapshot;
                var state = snapshot.State?.Text ?? "Unknown";
                var line = snapshot.HealthStatus is { } health && state == KnownResourceStates.Running ? $"{state} ({health})" : state;
                if (last.TryGetValue(update.ResourceId, out var previous) && previous == line)
                {
                    continue;
                }

                last[update.ResourceId] = line;
                logger.LogInformation("{Resource}: {State}", update.ResourceId, line);
                if (snapshot.ExitCode is { } exitCode and not 0 && !stopping.IsCancellationRequested)
                {
                    await WriteLastLinesAsync(resourceLogs, update.ResourceId, exitCode, logger, stopping);
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
    }

    /// <summary>Why a resource died is the first thing one wants, and without the dashboard it is otherwise nowhere.</summary>
    private static async Task WriteLastLinesAsync(ResourceLoggerService resourceLogs, string resourceId, int exitCode, ILogger logger, CancellationToken stopping)
    {
        var lines = new Queue<string>();
        await foreach (var batch in resourceLogs.GetAllAsync(resourceId).WithCancellation(stopping))
        {
            foreach (var line in batch)
            {
                lines.Enqueue(line.Content);
                if (lines.Count > 30)
                {
                    lines.Dequeue();
                }
            }
        }

        logger.LogWarning("{Resource} exited with code {ExitCode}; its last lines:\n{Lines}", resourceId, exitCode, string.Join('\n', lines));
    }
}
