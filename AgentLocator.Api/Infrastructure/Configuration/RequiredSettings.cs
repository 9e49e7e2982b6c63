namespace AgentLocator.Api.Infrastructure.Configuration;

/// <summary>
/// Production must not start half-configured: every missing setting is named in one message, by the name an
/// operator sets. Development fills safe local defaults instead (see <see cref="DevelopmentDefaults"/>).
/// </summary>
public static class RequiredSettings
{
    public const int MinimumJwtSecretBytes = 32;

    private static readonly (string Alias, string Key)[] RequiredInProduction =
    [
        ("DATABASE_URL", EnvironmentAliases.PostgresKey),
        ("REDIS_URL", EnvironmentAliases.RedisKey),
        ("JWT_SECRET", "Auth:JwtSecret"),
        ("PUBLIC_HOST", "Public:Host"),
        ("TWILIO_TOKEN", "Twilio:AuthToken"),
        ("VAPID_PUBLIC_KEY", "Vapid:PublicKey"), ("VAPID_PRIVATE_KEY", "Vapid:PrivateKey"),
    ];

    public static IReadOnlyList<string> FindProblems(IConfiguration configuration, bool migrateOnly = false)
    {
        var problems = new List<string>();
        // Migrating needs only the database; the rest is for serving.
        foreach (var (alias, key) in migrateOnly ? RequiredInProduction[..1] : RequiredInProduction)
        {
            if (string.IsNullOrWhiteSpace(configuration[key]))
            {
                problems.Add($"{alias} (or {key.Replace(":", "__")}) is not set");
            }
        }
        var jwtSecret = configuration["Auth:JwtSecret"];
        if (!string.IsNullOrWhiteSpace(jwtSecret) && System.Text.Encoding.UTF8.GetByteCount(jwtSecret) < MinimumJwtSecretBytes)
        {
            problems.Add($"JWT_SECRET must be at least {MinimumJwtSecretBytes} bytes long");
        }
        var operatorKey = configuration["Operator:Key"];
        if (!string.IsNullOrWhiteSpace(operatorKey) && System.Text.Encoding.UTF8.GetByteCount(operatorKey) < MinimumJwtSecretBytes)
        {
            // Optional (no key: no operator routes), but a guessable one would open every business's data.
            problems.Add($"OPERATOR_KEY must be at least {MinimumJwtSecretBytes} bytes long");
        }
        return problems;
    }
}

/// <summary>Local defaults so a developer can run the API with nothing configured; never used outside Development.</summary>
public static class DevelopmentDefaults
{
    public static IConfigurationBuilder AddDevelopmentDefaults(this IConfigurationManager configuration, IHostEnvironment environment)
    {
        if (!environment.IsDevelopment())
        {
            return configuration;
        }
        var defaults = new Dictionary<string, string?>
        {
            [EnvironmentAliases.PostgresKey] = "Host=127.0.0.1;Port=5432;Database=agentlocator;Username=postgres",
            [EnvironmentAliases.RedisKey] = "127.0.0.1:6379",
            // Development only, and only signs tokens for the seeded demo users on a developer's machine.
            ["Auth:JwtSecret"] = "agentlocator-development-signing-key-not-for-production",
            ["Twilio:AuthToken"] = "development-twilio-token",
            ["Public:Host"] = "http://localhost:5173",
            // The Orleans dashboard's key on a developer's machine (any user name in the browser's prompt).
            ["Operator:Key"] = "agentlocator-development-operator-key",
            // The Vite dev server and a local nginx forward from this machine.
            ["Proxy:KnownProxies"] = "127.0.0.0/8, ::1",
        };
        var missing = defaults.Where(pair => string.IsNullOrWhiteSpace(configuration[pair.Key]));
        return configuration.AddInMemoryCollection(missing);
    }
}
