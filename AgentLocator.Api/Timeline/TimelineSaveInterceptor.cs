using System.Runtime.CompilerServices;
using System.Threading.Channels;
using AgentLocator.Grains.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace AgentLocator.Api.Timeline;

/// <summary>A timeline event that was saved (or removed), waiting to be pushed.</summary>
public sealed record TimelineChange(Guid BusinessId, Guid? CustomerId, string Kind, Guid Id, bool Removed);

/// <summary>The queue between the save (any context: a grain's, a request's) and <see cref="SignalRTimelinePublisher"/>.</summary>
public sealed class TimelineChanges
{
    private readonly Channel<TimelineChange> channel = Channel.CreateUnbounded<TimelineChange>(new UnboundedChannelOptions { SingleReader = true });

    public ChannelReader<TimelineChange> Reader => channel.Reader;

    public void Add(TimelineChange change) => channel.Writer.TryWrite(change);
}

/// <summary>
/// Notes which timeline events a SaveChanges writes and, once it has committed, queues them for the live push. The
/// writers only add rows to the context, so every write path pushes, and nothing is pushed for a save that failed.
/// </summary>
public sealed class TimelineSaveInterceptor(TimelineChanges changes) : SaveChangesInterceptor
{
    private readonly ConditionalWeakTable<DbContext, List<TimelineChange>> pending = [];

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Capture(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        Capture(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Release(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Release(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Forget(eventData.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    private void Capture(DbContext? context)
    {
        if (context is null)
        {
            return;
        }
        var written = context.ChangeTracker.Entries<TimelineEvent>()
            .Where(entry => entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            .Select(entry => new TimelineChange(entry.Entity.BusinessId, entry.Entity.CustomerId, entry.Entity.Kind, entry.Entity.Id,
                entry.State == EntityState.Deleted))
            .ToList();
        if (written.Count > 0)
        {
            pending.AddOrUpdate(context, written);
        }
        else
        {
            pending.Remove(context);
        }
    }

    private void Release(DbContext? context)
    {
        if (context is null || !pending.TryGetValue(context, out var written))
        {
            return;
        }
        pending.Remove(context);
        // Inside a transaction the caller opened, the commit is still to come: the pusher reads the row, so a
        // rolled-back event is never sent as an item.
        foreach (var change in written)
        {
            changes.Add(change);
        }
    }

    private void Forget(DbContext? context)
    {
        if (context is not null)
        {
            pending.Remove(context);
        }
    }
}
