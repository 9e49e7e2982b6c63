using System.Diagnostics;
using System.Text.Json;
using Npgsql;

namespace AgentLocator.Bench;

/// <summary>One turn row as the API stored it: its state, how the reply was spoken, the pipeline's stage timings.</summary>
public sealed record TurnRow(string State, string? SpokenAs, IReadOnlyList<StageRow> Stages, double RowMilliseconds);

/// <summary>One entry of <c>call_turns.stages_json</c>.</summary>
public sealed record StageRow(string Stage, string Outcome, int Milliseconds);

/// <summary>
/// The call scenarios' reads of the API's database (loopback only): whether background pipelines are still running,
/// and where each measured turn's time went (<c>call_turns.stages_json</c>, per-stage milliseconds).
/// </summary>
public sealed class CallDatabase : IAsyncDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly NpgsqlDataSource source;

    private CallDatabase(NpgsqlDataSource source) => this.source = source;

    /// <summary>Null without a connection string: the scenarios then run without the waits and the stage breakdown.</summary>
    public static CallDatabase? Open(string? connectionString) =>
        connectionString is null ? null : new CallDatabase(AlertDatabase.OpenLoopback(connectionString));

    /// <summary>
    /// Waits until the API is done with earlier work: no turn pending (every background pipeline stored its result)
    /// and no new call row since the last look (an overloaded open-loop run leaves requests still being served after
    /// the client gave up on them). Returns how long that took, or null when <paramref name="limit"/> passed first.
    /// </summary>
    public async Task<TimeSpan?> WaitForPipelinesAsync(TimeSpan limit, CancellationToken cancellationToken)
    {
        var waited = Stopwatch.StartNew();
        await using var connection = await source.OpenConnectionAsync(cancellationToken);
        await using var busy = new NpgsqlCommand(
            "SELECT (SELECT count(*) FROM call_turns WHERE state = 'pending'), (SELECT count(*) FROM calls)", connection);
        long? lastCalls = null;
        while (waited.Elapsed < limit)
        {
            await using (var reader = await busy.ExecuteReaderAsync(cancellationToken))
            {
                await reader.ReadAsync(cancellationToken);
                var (pending, calls) = (reader.GetInt64(0), reader.GetInt64(1));
                if (pending == 0 && calls == lastCalls)
                {
                    return waited.Elapsed;
                }
                lastCalls = calls;
            }
            await Task.Delay(500, cancellationToken);
        }
        return null;
    }

    /// <summary>Turns whose pipeline has not stored a result yet (queued or running).</summary>
    public async Task<long> PendingTurnsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await source.OpenConnectionAsync(cancellationToken);
        await using var count = new NpgsqlCommand("SELECT count(*) FROM call_turns WHERE state = 'pending'", connection);
        return Convert.ToInt64(await count.ExecuteScalarAsync(cancellationToken));
    }

    public async Task<IReadOnlyList<TurnRow>> ReadTurnsAsync(IReadOnlyCollection<string> callSids, CancellationToken cancellationToken)
    {
        await using var connection = await source.OpenConnectionAsync(cancellationToken);
        await using var select = new NpgsqlCommand("""
            SELECT t.state, t.spoken_as, t.stages_json::text, extract(epoch FROM t.updated_at - t.created_at) * 1000
            FROM call_turns t JOIN calls c ON c.id = t.call_id
            WHERE c.call_sid = ANY($1)
            """, connection)
        {
            Parameters = { new() { Value = callSids.ToArray() } },
        };
        var rows = new List<TurnRow>(callSids.Count);
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var stages = JsonSerializer.Deserialize<List<StageRow>>(reader.GetString(2), Json) ?? [];
            rows.Add(new TurnRow(reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), stages, Convert.ToDouble(reader.GetValue(3))));
        }
        return rows;
    }

    public ValueTask DisposeAsync() => source.DisposeAsync();
}
