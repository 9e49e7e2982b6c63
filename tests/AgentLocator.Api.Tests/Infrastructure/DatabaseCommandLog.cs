using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace AgentLocator.Api.Tests.Infrastructure;

/// <summary>
/// Every statement the API and its grains send to Postgres through EF Core, kept only while a test records, and only
/// those whose parameters name one of the rows it watches (so other tests' and background work's statements are left out).
/// </summary>
public sealed class DatabaseCommandLog : DbCommandInterceptor
{
    private readonly ConcurrentDictionary<Recording, byte> recordings = new();

    /// <summary>Starts recording the statements about the given rows (by id) until the recording is disposed.</summary>
    public Recording Record(params Guid[] rowIds)
    {
        var recording = new Recording(this, [.. rowIds]);
        recordings[recording] = 0;
        return recording;
    }

    /// <summary>Every statement passes here once its text and parameters are set, whichever way it then executes.</summary>
    public override DbCommand CommandInitialized(CommandEndEventData eventData, DbCommand result)
    {
        Log(result);
        return result;
    }

    private void Log(DbCommand command)
    {
        if (recordings.IsEmpty)
        {
            return;
        }
        var ids = command.Parameters.Cast<DbParameter>().Select(p => p.Value).OfType<Guid>().ToHashSet();
        foreach (var recording in recordings.Keys.Where(r => r.RowIds.Overlaps(ids)))
        {
            recording.Add(command.CommandText);
        }
    }

    public sealed class Recording(DatabaseCommandLog log, HashSet<Guid> rowIds) : IDisposable
    {
        private readonly ConcurrentQueue<string> statements = new();

        internal HashSet<Guid> RowIds { get; } = rowIds;

        public IReadOnlyList<string> Statements => [.. statements];

        /// <summary>The first keyword of each statement in order (SELECT, UPDATE, INSERT …), what a round-trip count compares.</summary>
        public IReadOnlyList<string> Kinds => [.. statements.Select(s => s.TrimStart().Split(' ', '\n')[0].ToUpperInvariant())];

        internal void Add(string statement) => statements.Enqueue(statement);

        public void Dispose() => log.recordings.TryRemove(this, out _);
    }
}
