using AgentLocator.Api.Accounts;
using AgentLocator.Api.Infrastructure.Configuration;
using AgentLocator.Grains.Audit;
using AgentLocator.Grains.Data;
using AgentLocator.Grains.Features;
using AgentLocator.Grains.Tenancy;
using Microsoft.EntityFrameworkCore;
using StackExchange.Redis;

namespace AgentLocator.Api.Operator;

/// <summary>
/// <c>AgentLocator.Api admin &lt;command&gt; [--option value]…</c>: the operator's business controls from a shell on the
/// server, against the same configuration and database as the API, without starting the web host or a silo.
/// Exit codes: 0 done, 1 not found or conflict, 2 bad arguments or settings.
/// </summary>
public static class OperatorCommandLine
{
    public const string Verb = "admin";
    public const int Done = 0;
    public const int Refused = 1;
    public const int Usage = 2;

    public static readonly string Help = $"""
        Usage: AgentLocator.Api admin <command> [options]
          create-business --name <name> --plan <{string.Join("|", Plans.All.Select(p => p.Name))}> [--time-zone <IANA zone>] --admin-email <email> [--admin-phone <phone>]
              Creates the business and prints its first admin's one-time invitation link (valid 7 days).
          list-businesses
          suspend-business --id <business id>     Signs every user out; calls hear the service is unavailable.
          resume-business --id <business id>
          set-plan --id <business id> --plan <plan>
        """;

    public static bool IsCommand(string[] args) => args.Length > 0 && args[0] == Verb;

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter errors)
    {
        if (args.Length < 2 || !TryParseOptions(args[2..], out var options))
        {
            await errors.WriteLineAsync(Help);
            return Usage;
        }
        // The slim web builder reads the same environment (ASPNETCORE_ENVIRONMENT), appsettings and variables as the API; no server starts.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Configuration.AddEnvironmentAliases();
        builder.Configuration.AddDevelopmentDefaults(builder.Environment);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var postgres = builder.Configuration[EnvironmentAliases.PostgresKey];
        var redis = builder.Configuration[EnvironmentAliases.RedisKey];
        if (string.IsNullOrWhiteSpace(postgres) || string.IsNullOrWhiteSpace(redis))
        {
            await errors.WriteLineAsync("DATABASE_URL and REDIS_URL (or ConnectionStrings__agentlocator and ConnectionStrings__redis) must be set.");
            return Usage;
        }
        var services = builder.Services;
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<ITenantContext>(new FixedTenantContext(null));
        services.AddDbContext<AgentLocatorDbContext>(db => db.UseNpgsql(postgres).UseSnakeCaseNamingConvention());
        // Redis only carries the announcements to running API instances; a suspension still holds without it.
        services.AddSingleton<IConnectionMultiplexer>(_ =>
        {
            var redisOptions = ConfigurationOptions.Parse(redis);
            redisOptions.AbortOnConnectFail = false;
            return ConnectionMultiplexer.Connect(redisOptions);
        });
        services.AddSingleton<SessionEnder>();
        services.AddScoped<TenantDbContextFactory>();
        services.AddScoped<IAuditLog, AuditLog>();
        services.AddScoped<BusinessOperations>();
        using var host = builder.Build();
        await using var scope = host.Services.CreateAsyncScope();
        var operations = scope.ServiceProvider.GetRequiredService<BusinessOperations>();
        var cancellationToken = CancellationToken.None;

        switch (args[1])
        {
            // The link goes to a person by e-mail or chat; a relative one would open nowhere.
            case "create-business" when string.IsNullOrWhiteSpace(builder.Configuration["Public:Host"]):
                await errors.WriteLineAsync("PUBLIC_HOST must be set (the app's public https address): the first admin's invitation link is on it. Nothing was created.");
                return Usage;
            case "create-business":
                return await ReportAsync(await operations.CreateAsync(new CreateBusinessRequest(
                    options.GetValueOrDefault("name"), options.GetValueOrDefault("plan"), options.GetValueOrDefault("time-zone"),
                    options.GetValueOrDefault("admin-email"), options.GetValueOrDefault("admin-phone")), cancellationToken), output, errors,
                    created => $"Business {created.Business.Id} \"{created.Business.Name}\" created on plan {created.Business.Plan}.\n"
                        + $"First admin's invitation link (one-time, until {created.InvitationExpiresAt:yyyy-MM-dd HH:mm} UTC):\n{created.InvitationUrl}");
            case "list-businesses":
                foreach (var business in await operations.ListAsync(cancellationToken))
                {
                    await output.WriteLineAsync(string.Join('\t', business.Id, business.Name, business.Plan,
                        $"{business.ActiveUsers}/{business.MaxUsers?.ToString() ?? "∞"} users", business.TwilioNumber ?? "-",
                        business.SuspendedAt is null ? "active" : "suspended"));
                }
                return Done;
            case "suspend-business" when TryId(options, out var id):
                return await ReportAsync(await operations.SuspendAsync(id, cancellationToken), output, errors, b => $"Business {b.Id} suspended; its users are signed out.");
            case "resume-business" when TryId(options, out var id):
                return await ReportAsync(await operations.ResumeAsync(id, cancellationToken), output, errors, b => $"Business {b.Id} resumed.");
            case "set-plan" when TryId(options, out var id):
                return await ReportAsync(await operations.SetPlanAsync(id, options.GetValueOrDefault("plan"), cancellationToken), output, errors,
                    b => $"Business {b.Id} is on plan {b.Plan}: {string.Join(", ", b.PlanFeatures)}; users up to {b.MaxUsers?.ToString() ?? "any number"}.");
            default:
                await errors.WriteLineAsync(Help);
                return Usage;
        }
    }

    private static async Task<int> ReportAsync<T>(OperatorOutcome<T> outcome, TextWriter output, TextWriter errors, Func<T, string> describe)
    {
        switch (outcome)
        {
            case OperatorOutcome<T>.Done done:
                await output.WriteLineAsync(describe(done.Value));
                return Done;
            case OperatorOutcome<T>.Invalid invalid:
                foreach (var (field, messages) in invalid.Errors)
                {
                    await errors.WriteLineAsync($"--{Kebab(field)}: {string.Join(" ", messages)}");
                }
                return Usage;
            case OperatorOutcome<T>.Conflict conflict:
                await errors.WriteLineAsync($"{conflict.Title} {conflict.Detail}");
                return Refused;
            default:
                await errors.WriteLineAsync("No business with that id.");
                return Refused;
        }
    }

    private static string Kebab(string camel) => string.Concat(camel.Select(c => char.IsUpper(c) ? "-" + char.ToLowerInvariant(c) : c.ToString()));

    private static bool TryId(Dictionary<string, string> options, out Guid id) =>
        Guid.TryParse(options.GetValueOrDefault("id"), out id);

    private static bool TryParseOptions(string[] args, out Dictionary<string, string> options)
    {
        options = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
            {
                return false;
            }
            options[args[i][2..]] = args[i + 1];
        }
        return true;
    }
}
