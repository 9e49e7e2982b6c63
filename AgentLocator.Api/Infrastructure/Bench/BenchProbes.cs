using System.Text;
using Npgsql;

namespace AgentLocator.Api.Infrastructure.Bench;

/// <summary>
/// What the bench reads from inside the API (bench/README.md, "Cost per request"), present only when
/// <c>Bench:Probes</c> is true (bench/api.sh sets it; nothing else does): database trips counted by
/// <see cref="DatabaseCallCounter"/>, and the plan of the latest customers search as Postgres ran it.
/// Off, nothing is registered, intercepted or mapped.
/// </summary>
public static class BenchProbes
{
    public const string SettingKey = "Bench:Probes";

    public static bool Enabled(IConfiguration configuration) => configuration.GetValue<bool>(SettingKey);

    public static IServiceCollection AddBenchProbes(this IServiceCollection services, IConfiguration configuration)
    {
        if (Enabled(configuration))
        {
            services.AddSingleton<DatabaseCallCounter>();
        }
        return services;
    }

    /// <summary>Branches, not endpoints: they answer before routing, so they sit outside the route feature table.</summary>
    public static WebApplication UseBenchProbes(this WebApplication app)
    {
        if (!Enabled(app.Configuration))
        {
            return app;
        }
        app.Map("/bench/database-calls", branch => branch.Run(context =>
            context.Response.WriteAsJsonAsync(context.RequestServices.GetRequiredService<DatabaseCallCounter>().Read(), context.RequestAborted)));
        app.Map("/bench/explain-search", branch => branch.Run(async context =>
        {
            var services = context.RequestServices;
            var result = await ExplainSearchAsync(services.GetRequiredService<DatabaseCallCounter>(), services.GetRequiredService<NpgsqlDataSource>(),
                context.RequestAborted);
            await result.ExecuteAsync(context);
        }));
        return app;
    }

    /// <summary>EXPLAIN (ANALYZE, BUFFERS) of the last search's statements (page and count), with its own SQL and parameters.</summary>
    private static async Task<IResult> ExplainSearchAsync(DatabaseCallCounter counter, NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        if (counter.LastSearches.Count == 0)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No customers search has run since the API started.");
        }
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var plan = new StringBuilder();
        foreach (var search in counter.LastSearches)
        {
            plan.AppendLine(search.Sql).AppendLine("--");
            await using var command = new NpgsqlCommand("EXPLAIN (ANALYZE, BUFFERS) " + search.Sql, connection);
            foreach (var parameter in search.Parameters)
            {
                plan.AppendLine($"-- {parameter.ParameterName} = {parameter.Value}");
                command.Parameters.Add(((ICloneable)parameter).Clone());
            }
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                plan.AppendLine(reader.GetString(0));
            }
            plan.AppendLine();
        }
        return TypedResults.Text(plan.ToString());
    }
}
