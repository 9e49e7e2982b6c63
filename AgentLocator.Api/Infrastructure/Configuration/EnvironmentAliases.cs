namespace AgentLocator.Api.Infrastructure.Configuration;

/// <summary>
/// The deployment seed names its settings the way most hosting panels do (<c>DATABASE_URL</c>, <c>JWT_SECRET</c>…).
/// They are translated into the .NET configuration keys the code reads, so both spellings work; an explicit
/// .NET key (for example <c>ConnectionStrings__agentlocator</c> from the AppHost) wins over its alias.
/// </summary>
public static class EnvironmentAliases
{
    public const string PostgresConnectionName = "agentlocator";
    public const string RedisConnectionName = "redis";
    public const string PostgresKey = "ConnectionStrings:" + PostgresConnectionName;
    public const string RedisKey = "ConnectionStrings:" + RedisConnectionName;

    /// <summary>Alias → .NET key, in the order the production check reports them.</summary>
    public static readonly IReadOnlyList<(string Alias, string Key)> Map =
    [
        ("DATABASE_URL", PostgresKey),
        ("REDIS_URL", RedisKey),
        ("JWT_SECRET", "Auth:JwtSecret"),
        ("PUBLIC_HOST", "Public:Host"),
        ("CORS_ORIGINS", "Cors:Origins"),
        ("TWILIO_SID", "Twilio:AccountSid"),
        ("TWILIO_TOKEN", "Twilio:AuthToken"),
        ("GOOGLE_APPLICATION_CREDENTIALS", "Google:CredentialsPath"),
        ("VAPID_PUBLIC_KEY", "Vapid:PublicKey"),
        ("VAPID_PRIVATE_KEY", "Vapid:PrivateKey"),
        ("OPENAI_API_KEY", "OpenAI:ApiKey"),
        ("OPENAI_BASE_URL", "OpenAI:Endpoint"),
        ("OPERATOR_KEY", "Operator:Key"),
        ("TRUSTED_PROXIES", "Proxy:KnownProxies"),
    ];

    public static IConfigurationBuilder AddEnvironmentAliases(this IConfigurationManager configuration)
    {
        var translated = new Dictionary<string, string?>();
        foreach (var (alias, key) in Map)
        {
            var value = configuration[alias];
            if (string.IsNullOrWhiteSpace(value) || !string.IsNullOrWhiteSpace(configuration[key]))
            {
                continue;
            }
            translated[key] = alias switch
            {
                "DATABASE_URL" => ConnectionStringFormats.PostgresUrlToNpgsql(value),
                "REDIS_URL" => ConnectionStringFormats.RedisUrlToStackExchange(value),
                _ => value,
            };
        }
        return configuration.AddInMemoryCollection(translated);
    }
}
