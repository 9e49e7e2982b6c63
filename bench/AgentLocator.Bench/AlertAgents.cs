using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Npgsql;

namespace AgentLocator.Bench;

/// <summary>A bench user: an agent row inserted by <see cref="AlertDatabase"/>, with an access token minted for it.</summary>
public sealed record BenchAgent(int Index, Guid Id, Guid BusinessId, string Email, string Name, string Token);

/// <summary>One <c>task:due</c> as a client saw it: on whose connection, for which task, and when (wall clock).</summary>
public sealed record AlertArrival(int ConnectionAgent, Guid TaskId, Guid AssigneeId, DateTimeOffset ReminderAt, DateTimeOffset ArrivedAt);

/// <summary>
/// Access tokens for bench users, signed like the API's <c>AccessTokenIssuer</c> (HS256, issuer and audience
/// <c>agentlocator</c>, claims sub/bid/sid/role/email/name). Signing here instead of signing in saves one PBKDF2 hash
/// per agent (1,000 agents ≈ a minute of this machine's CPU) and measures nothing the alert path uses.
/// </summary>
public static class BenchTokens
{
    public static string Mint(string secret, Guid userId, Guid businessId, string email, string name, DateTimeOffset now)
    {
        var header = Base64Url.EncodeToString("""{"alg":"HS256","typ":"JWT"}"""u8);
        var payload = Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["sub"] = userId.ToString(),
            ["bid"] = businessId.ToString(),
            ["sid"] = Guid.NewGuid().ToString(),
            ["role"] = "agent",
            ["email"] = email,
            ["name"] = name,
            ["iss"] = "agentlocator",
            ["aud"] = "agentlocator",
            ["iat"] = now.ToUnixTimeSeconds(),
            ["nbf"] = now.ToUnixTimeSeconds(),
            // Longer than any alert scenario, so no connection outlives its token.
            ["exp"] = now.AddHours(2).ToUnixTimeSeconds(),
        }));
        var signed = Encoding.ASCII.GetBytes(header + "." + payload);
        var signature = Base64Url.EncodeToString(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed));
        return header + "." + payload + "." + signature;
    }
}

/// <summary>
/// The bench's own Postgres access: bench users in, alert rows out. Loopback only, like the API it measures.
/// </summary>
public sealed class AlertDatabase : IAsyncDisposable
{
    private readonly NpgsqlDataSource source;

    private AlertDatabase(NpgsqlDataSource source) => this.source = source;

    public static AlertDatabase Open(string? connectionString) =>
        new(OpenLoopback(connectionString
            ?? throw new ArgumentException("The alert scenarios need the API's database: --db or $ConnectionStrings__agentlocator.")));

    /// <summary>A data source for a database on this machine only (the call scenarios read theirs the same way).</summary>
    internal static NpgsqlDataSource OpenLoopback(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (builder.Host is not ("127.0.0.1" or "localhost" or "::1") && !(IPAddress.TryParse(builder.Host, out var address) && IPAddress.IsLoopback(address)))
        {
            throw new ArgumentException($"The bench only touches a database on this machine, not {builder.Host}.");
        }
        builder.CommandTimeout = 120;
        return NpgsqlDataSource.Create(builder.ConnectionString);
    }

    /// <summary>
    /// Users <c>{prefix}-1@bench.local</c> … <c>{prefix}-{count}@bench.local</c> in the demo agent's business, with its
    /// password hash (same password); existing ones are kept. Returns them in index order.
    /// </summary>
    public async Task<IReadOnlyList<(Guid Id, Guid BusinessId, string Email, string Name)>> EnsureUsersAsync(
        string prefix, int count, CancellationToken cancellationToken)
    {
        await using var connection = await source.OpenConnectionAsync(cancellationToken);
        await using (var insert = new NpgsqlCommand("""
            INSERT INTO users (id, business_id, email, password_hash, display_name, role, failed_sign_in_count, created_at)
            SELECT gen_random_uuid(), u.business_id, $1 || '-' || i || '@bench.local', u.password_hash, 'Bench ' || $1 || ' ' || i, 'agent', 0, now()
            FROM users u, generate_series(1, $2) i
            WHERE u.email = 'agent@demo.local'
            ON CONFLICT (email) DO NOTHING
            """, connection) { Parameters = { new() { Value = prefix }, new() { Value = count } } })
        {
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }
        var users = new (Guid, Guid, string, string)[count];
        var found = 0;
        await using (var select = new NpgsqlCommand("""
            SELECT i, u.id, u.business_id, u.email, u.display_name
            FROM generate_series(1, $2) i JOIN users u ON u.email = $1 || '-' || i || '@bench.local'
            """, connection) { Parameters = { new() { Value = prefix }, new() { Value = count } } })
        await using (var reader = await select.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                users[reader.GetInt32(0) - 1] = (reader.GetGuid(1), reader.GetGuid(2), reader.GetString(3), reader.GetString(4));
                found++;
            }
        }
        if (found != count)
        {
            throw new InvalidOperationException($"Expected {count} bench users '{prefix}-N@bench.local', found {found} (is agent@demo.local seeded?).");
        }
        return users;
    }

    /// <summary>The alert rows of these tasks: what the grains claimed and marked delivered.</summary>
    public async Task<IReadOnlyList<AlertRow>> ReadAlertsAsync(IReadOnlyCollection<Guid> taskIds, CancellationToken cancellationToken)
    {
        await using var connection = await source.OpenConnectionAsync(cancellationToken);
        await using var select = new NpgsqlCommand(
            "SELECT task_id, reminder_at, claimed_at, delivered_at FROM task_alerts WHERE task_id = ANY($1)", connection)
        {
            Parameters = { new() { Value = taskIds.ToArray() } },
        };
        var rows = new List<AlertRow>(taskIds.Count);
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new AlertRow(reader.GetGuid(0), reader.GetFieldValue<DateTimeOffset>(1), reader.GetFieldValue<DateTimeOffset>(2),
                reader.IsDBNull(3) ? null : reader.GetFieldValue<DateTimeOffset>(3)));
        }
        return rows;
    }

    public ValueTask DisposeAsync() => source.DisposeAsync();
}

public sealed record AlertRow(Guid TaskId, DateTimeOffset ReminderAt, DateTimeOffset ClaimedAt, DateTimeOffset? DeliveredAt);

/// <summary>
/// Real agents' SignalR connections (WebSockets, no negotiate round trip, token in the query as browsers send it),
/// all in this process. Every <c>task:due</c> is time-stamped on arrival and kept with the connection it came on.
/// </summary>
public sealed class AlertListeners : IAsyncDisposable
{
    public const string DueMessage = "task:due";

    private readonly List<HubConnection> connections = [];
    private readonly ConcurrentQueue<AlertArrival> arrivals = new();
    private readonly ConcurrentDictionary<Guid, byte> seen = new();
    private int closed;
    private int unreadable;

    public IReadOnlyCollection<AlertArrival> Arrivals => arrivals;

    /// <summary>Connections the server or the network closed during the run (an alert sent then is lost to it).</summary>
    public int Closed => Volatile.Read(ref closed);

    /// <summary><c>task:due</c> messages without the fields the bench reads.</summary>
    public int Unreadable => Volatile.Read(ref unreadable);

    public int SeenOf(ICollection<Guid> taskIds) => seen.Keys.Count(taskIds.Contains);

    public async Task ConnectAsync(Uri api, IReadOnlyList<BenchAgent> agents, int parallelism, CancellationToken cancellationToken)
    {
        var hubs = agents.Select(agent => (agent, hub: Build(api, agent))).ToList();
        lock (connections)
        {
            connections.AddRange(hubs.Select(pair => pair.hub));
        }
        await Parallel.ForEachAsync(hubs, new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken },
            async (pair, ct) => await pair.hub.StartAsync(ct));
    }

    private HubConnection Build(Uri api, BenchAgent agent)
    {
        var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(api, "/ws"), HttpTransportType.WebSockets, options =>
            {
                options.SkipNegotiation = true;
                options.AccessTokenProvider = () => Task.FromResult<string?>(agent.Token);
            })
            .Build();
        hub.On<JsonElement>(DueMessage, message =>
        {
            var arrivedAt = DateTimeOffset.UtcNow;
            if (message.TryGetProperty("reminderAt", out var reminderAt) && message.TryGetProperty("task", out var task)
                && task.TryGetProperty("id", out var id) && task.TryGetProperty("assigneeId", out var assignee))
            {
                var taskId = id.GetGuid();
                arrivals.Enqueue(new AlertArrival(agent.Index, taskId, assignee.GetGuid(), reminderAt.GetDateTimeOffset(), arrivedAt));
                seen.TryAdd(taskId, 0);
            }
            else
            {
                Interlocked.Increment(ref unreadable);
            }
        });
        hub.Closed += _ =>
        {
            Interlocked.Increment(ref closed);
            return Task.CompletedTask;
        };
        return hub;
    }

    public async ValueTask DisposeAsync()
    {
        List<HubConnection> all;
        lock (connections)
        {
            all = [.. connections];
            connections.Clear();
        }
        // Our own stops are not the server closing on us.
        closed = int.MinValue / 2;
        await Parallel.ForEachAsync(all, new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (hub, _) =>
        {
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                await hub.StopAsync(timeout.Token);
            }
            catch (Exception error) when (error is OperationCanceledException or IOException or HttpRequestException)
            {
                // Stopping is best effort; disposing releases the socket either way.
            }
            await hub.DisposeAsync();
        });
    }

    public static string Iso(DateTimeOffset time) => time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture);
}
