using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace AgentLocator.Api.Infrastructure.Bench;

/// <summary>
/// Counts what the database work of the API costs in trips, for the bench only (<see cref="BenchProbes"/>): pooled
/// connection checkouts (every EF connection open takes one from the Npgsql pool), commands executed (one round trip
/// each; a batched SaveChanges is one command) and transaction commits (one round trip each; BEGIN rides on the next
/// command). Every context in the process, the grains' too, is built from the same options, so all of it is counted.
/// Also keeps the latest commands tagged <see cref="SearchTag"/>, so the bench can have its plan explained.
/// </summary>
public sealed class DatabaseCallCounter
{
    /// <summary>The tag the customers grid's search query carries (EF TagWith: a leading SQL comment).</summary>
    public const string SearchTag = Customers.CustomerListQuery.NameSearchTag;

    private long checkouts;
    private long commands;
    private long commits;
    private volatile TaggedCommand[] lastSearches = [];

    public DatabaseCallCounts Read() =>
        new(Interlocked.Read(ref checkouts), Interlocked.Read(ref commands), Interlocked.Read(ref commits));

    /// <summary>
    /// The latest three distinct tagged statements (a search reads the recent window, then, when that did not decide, its
    /// page and its count), oldest first.
    /// </summary>
    public IReadOnlyList<TaggedCommand> LastSearches => lastSearches;

    public IInterceptor[] Interceptors() => [new ConnectionCounting(this), new CommandCounting(this), new CommitCounting(this)];

    private void Command(DbCommand command)
    {
        Interlocked.Increment(ref commands);
        if (command.CommandText.StartsWith("-- " + SearchTag, StringComparison.Ordinal))
        {
            var tagged = new TaggedCommand(command.CommandText,
                command.Parameters.Cast<DbParameter>().Select(p => (DbParameter)((ICloneable)p).Clone()).ToArray());
            var kept = lastSearches;
            lastSearches = kept.Length > 0 && kept[^1].Sql == tagged.Sql ? [.. kept[..^1], tagged] : [.. kept.TakeLast(2), tagged];
        }
    }

    private sealed class ConnectionCounting(DatabaseCallCounter counter) : DbConnectionInterceptor
    {
        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) =>
            Interlocked.Increment(ref counter.checkouts);

        public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref counter.checkouts);
            return Task.CompletedTask;
        }
    }

    private sealed class CommandCounting(DatabaseCallCounter counter) : DbCommandInterceptor
    {
        public override DbDataReader ReaderExecuted(DbCommand command, CommandExecutedEventData eventData, DbDataReader result)
        {
            counter.Command(command);
            return result;
        }

        public override ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result,
            CancellationToken cancellationToken = default)
        {
            counter.Command(command);
            return ValueTask.FromResult(result);
        }

        public override int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
        {
            counter.Command(command);
            return result;
        }

        public override ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result,
            CancellationToken cancellationToken = default)
        {
            counter.Command(command);
            return ValueTask.FromResult(result);
        }

        public override object? ScalarExecuted(DbCommand command, CommandExecutedEventData eventData, object? result)
        {
            counter.Command(command);
            return result;
        }

        public override ValueTask<object?> ScalarExecutedAsync(DbCommand command, CommandExecutedEventData eventData, object? result,
            CancellationToken cancellationToken = default)
        {
            counter.Command(command);
            return ValueTask.FromResult(result);
        }
    }

    private sealed class CommitCounting(DatabaseCallCounter counter) : DbTransactionInterceptor
    {
        public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) =>
            Interlocked.Increment(ref counter.commits);

        public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref counter.commits);
            return Task.CompletedTask;
        }
    }
}

public sealed record DatabaseCallCounts(long Checkouts, long Commands, long Commits);

public sealed record TaggedCommand(string Sql, DbParameter[] Parameters);
