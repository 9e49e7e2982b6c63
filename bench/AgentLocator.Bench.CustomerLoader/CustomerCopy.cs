using System.Diagnostics;
using Npgsql;
using NpgsqlTypes;

namespace AgentLocator.Bench.CustomerLoader;

/// <summary>
/// Binary COPY into <c>customers</c>. A big load drops the secondary indexes first and builds them afterwards, all
/// in one transaction (a failure leaves the table as it was): one sorted build per index is several times faster
/// than a million incremental GIN and B-tree inserts.
/// </summary>
public static class CustomerCopy
{
    public const int RebuildIndexesFrom = 100_000;

    public static async Task LoadAsync(
        NpgsqlDataSource dataSource, Guid businessId, long firstIndex, long count, Action<string> log, CancellationToken cancellationToken)
    {
        var generator = new SyntheticCustomers(DateTime.UtcNow);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await ExecuteAsync(connection, "SET LOCAL maintenance_work_mem = '1GB'; SET LOCAL max_parallel_maintenance_workers = 2", cancellationToken);

        var indexes = count >= RebuildIndexesFrom ? await DropSecondaryIndexesAsync(connection, cancellationToken) : [];
        var stopwatch = Stopwatch.StartNew();

        await using (var importer = await connection.BeginBinaryImportAsync(
            "COPY customers (id, business_id, name, phone, phone_digits, email, city, status, tags, created_at, updated_at, " +
            "last_activity_at, open_tasks, calls, deleted_at) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            for (var index = firstIndex; index < firstIndex + count; index++)
            {
                var c = generator.Create(index);
                await importer.StartRowAsync(cancellationToken);
                await importer.WriteAsync(c.Id, NpgsqlDbType.Uuid, cancellationToken);
                await importer.WriteAsync(businessId, NpgsqlDbType.Uuid, cancellationToken);
                await importer.WriteAsync(c.Name, NpgsqlDbType.Varchar, cancellationToken);
                await WriteNullableAsync(importer, c.Phone, cancellationToken);
                await WriteNullableAsync(importer, c.PhoneDigits, cancellationToken);
                await WriteNullableAsync(importer, c.Email, cancellationToken);
                await WriteNullableAsync(importer, c.City, cancellationToken);
                await importer.WriteAsync(c.Status, NpgsqlDbType.Varchar, cancellationToken);
                await importer.WriteAsync(c.Tags, NpgsqlDbType.Array | NpgsqlDbType.Text, cancellationToken);
                await importer.WriteAsync(c.CreatedAt, NpgsqlDbType.TimestampTz, cancellationToken);
                await importer.WriteAsync(c.LastActivityAt, NpgsqlDbType.TimestampTz, cancellationToken);
                await importer.WriteAsync(c.LastActivityAt, NpgsqlDbType.TimestampTz, cancellationToken);
                await importer.WriteAsync(c.OpenTasks, NpgsqlDbType.Integer, cancellationToken);
                await importer.WriteAsync(c.Calls, NpgsqlDbType.Integer, cancellationToken);
                if (c.DeletedAt is { } deletedAt)
                {
                    await importer.WriteAsync(deletedAt, NpgsqlDbType.TimestampTz, cancellationToken);
                }
                else
                {
                    await importer.WriteNullAsync(cancellationToken);
                }
            }
            await importer.CompleteAsync(cancellationToken);
        }
        log($"copied {count:N0} rows in {stopwatch.Elapsed.TotalSeconds:F1} s");

        foreach (var (name, definition) in indexes)
        {
            stopwatch.Restart();
            await ExecuteAsync(connection, definition, cancellationToken);
            log($"built {name} in {stopwatch.Elapsed.TotalSeconds:F1} s");
        }
        await transaction.CommitAsync(cancellationToken);
    }

    private static async Task<List<(string Name, string Definition)>> DropSecondaryIndexesAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var indexes = new List<(string, string)>();
        await using (var command = new NpgsqlCommand(
            "SELECT i.relname, pg_get_indexdef(i.oid) FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid " +
            "WHERE x.indrelid = 'customers'::regclass AND NOT x.indisprimary ORDER BY i.relname", connection))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                indexes.Add((reader.GetString(0), reader.GetString(1)));
            }
        }
        foreach (var (name, _) in indexes)
        {
            await ExecuteAsync(connection, $"DROP INDEX \"{name}\"", cancellationToken);
        }
        return indexes;
    }

    private static Task WriteNullableAsync(NpgsqlBinaryImporter importer, string? value, CancellationToken cancellationToken) =>
        value is null ? importer.WriteNullAsync(cancellationToken) : importer.WriteAsync(value, NpgsqlDbType.Varchar, cancellationToken);

    public static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 600 };
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
