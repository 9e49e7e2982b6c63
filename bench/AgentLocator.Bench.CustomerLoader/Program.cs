using System.Diagnostics;
using System.Globalization;
using System.Net;
using AgentLocator.Bench.CustomerLoader;
using AgentLocator.Grains.Data;
using Npgsql;

// Loads synthetic customers into one business until it has --customers of them (skips when it already has), then
// VACUUM (ANALYZE) so the planner has statistics and index-only scans have a visibility map.
const string Usage = "usage: AgentLocator.Bench.CustomerLoader [--customers 1000000] [--business \"סוכנות לדוגמה\"] [--connection <npgsql>]\n" +
                     "The connection defaults to $ConnectionStrings__agentlocator and must point at 127.0.0.1.";

long target = 1_000_000;
var businessName = DevelopmentSeed.DemoBusinessName;
var connectionString = Environment.GetEnvironmentVariable("ConnectionStrings__agentlocator");
for (var i = 0; i < args.Length; i++)
{
    string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.\n{Usage}");
    switch (args[i])
    {
        case "--customers":
            if (!long.TryParse(Value(), NumberStyles.None, CultureInfo.InvariantCulture, out target) || target > 10_000_000)
            {
                throw new ArgumentException("--customers must be a whole number up to 10,000,000.");
            }
            break;
        case "--business": businessName = Value(); break;
        case "--connection": connectionString = Value(); break;
        default: throw new ArgumentException($"Unknown argument '{args[i]}'.\n{Usage}");
    }
}

var builder = new NpgsqlConnectionStringBuilder(connectionString ?? throw new ArgumentException($"No connection string.\n{Usage}"));
if (builder.Host is not ("127.0.0.1" or "localhost" or "::1") && !(IPAddress.TryParse(builder.Host, out var address) && IPAddress.IsLoopback(address)))
{
    throw new ArgumentException($"The loader only writes to a database on this machine, not {builder.Host}.");
}
builder.CommandTimeout = 600;

SyntheticCustomers.CheckAgainstAppRules(samples: 1_000);
await using var dataSource = NpgsqlDataSource.Create(builder.ConnectionString);
var total = Stopwatch.StartNew();
void Log(string message) => Console.WriteLine($"[{total.Elapsed.TotalSeconds,6:F1} s] {message}");

await using (var connection = await dataSource.OpenConnectionAsync())
{
    await using var find = new NpgsqlCommand(
        "SELECT b.id, (SELECT count(*) FROM customers c WHERE c.business_id = b.id) FROM businesses b WHERE b.name = $1", connection)
    {
        Parameters = { new() { Value = businessName } },
    };
    await using var reader = await find.ExecuteReaderAsync();
    if (!await reader.ReadAsync())
    {
        throw new InvalidOperationException($"No business named '{businessName}' (the API seeds it in Development).");
    }
    var (businessId, existing) = (reader.GetGuid(0), reader.GetInt64(1));
    await reader.DisposeAsync();

    if (existing >= target)
    {
        Log($"'{businessName}' already has {existing:N0} customers (≥ {target:N0}); nothing to load");
        return;
    }
    // Continuing from the existing count keeps the generated phone numbers unique within the business.
    Log($"loading {target - existing:N0} customers into '{businessName}' ({businessId}), {existing:N0} already there");
    await CustomerCopy.LoadAsync(dataSource, businessId, existing, target - existing, Log, CancellationToken.None);
    var vacuum = Stopwatch.StartNew();
    // Separate statements: VACUUM refuses to run inside the implicit transaction of a multi-statement string.
    await CustomerCopy.ExecuteAsync(connection, "VACUUM (ANALYZE) customers", CancellationToken.None);
    await CustomerCopy.ExecuteAsync(connection, "ANALYZE business_customer_counts", CancellationToken.None);
    Log($"VACUUM (ANALYZE) in {vacuum.Elapsed.TotalSeconds:F1} s");
}
Log($"done: {target:N0} customers in {total.Elapsed.TotalSeconds:F1} s");
