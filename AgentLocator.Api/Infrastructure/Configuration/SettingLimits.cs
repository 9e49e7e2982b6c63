using static System.TimeSpan;

namespace AgentLocator.Api.Infrastructure.Configuration;

/// <summary>
/// Every setting with a range or a format, checked at start-up in every environment. A value outside its range does
/// not fail loudly later: a reply wait above the webhook's 10 s budget makes every call hear the apology, a typo in a
/// port keeps the silo down. So the start stops with the key named instead (<see cref="StartupSettings"/>), and the
/// binding refuses it too (<see cref="SettingsBinding"/>). The README's settings table follows this list.
/// </summary>
public static class SettingLimits
{
    public static readonly IReadOnlyList<SettingRule> All =
    [
        // The receptionist. Twilio waits 15 s for any answer and a reply request gives the grain 10 s
        // (TwilioWebhooks.GrainBudget), so one wait stays well inside both; the caller hears hold audio between attempts.
        new WholeNumberRule("Calls:MaxTurns", 1, 10),
        new DurationRule("Calls:ReplyWait", FromSeconds(1), FromSeconds(8)),
        new WholeNumberRule("Calls:ReplyAttempts", 1, 5),
        new NumberRule("Calls:MinRecordingSeconds", 0, 10),
        // Below the reconciler's 5 min "unfinished" mark, so it never re-runs a finish that is still waiting.
        new DurationRule("Calls:FinishWait", FromSeconds(1), FromMinutes(4)),
        new DurationRule("Calls:ReconcileInterval", FromSeconds(1), FromHours(1)),
        new WholeNumberRule("Calls:RecordingDownloadAttempts", 1, 10),
        new WholeNumberRule("Calls:PipelineConcurrency", 1, 256),

        new DurationRule("Alerts:SweepInterval", FromSeconds(1), FromMinutes(10)),

        new DurationRule("Auth:AccessTokenLifetime", FromMinutes(1), FromHours(24)),
        new DurationRule("Auth:SessionLifetime", FromMinutes(10), FromDays(30)),
        new DurationRule("Auth:RefreshReuseGrace", Zero, FromMinutes(5)),
        new WholeNumberRule("Auth:MaxFailedSignIns", 1, 100),
        new DurationRule("Auth:LockoutDuration", FromSeconds(1), FromDays(1)),
        new WholeNumberRule("Auth:SignInAttemptsPerMinutePerAddress", 1, 100_000),

        new WholeNumberRule("WebPush:MaxConcurrentMessages", 1, 256),
        new DurationRule("WebPush:PollInterval", FromMilliseconds(100), FromMinutes(1)),
        new DurationRule("WebPush:ClaimLease", FromSeconds(1), FromMinutes(10)),
        new WholeNumberRule("WebPush:MaxRetries", 0, 10),
        new DurationRule("WebPush:RetryBaseDelay", FromMilliseconds(10), FromMinutes(1)),
        new DurationRule("WebPush:MaxRetryDelay", FromSeconds(1), FromMinutes(10)),
        new DurationRule("WebPush:RequestTimeout", FromSeconds(1), FromMinutes(5)),

        new HttpUrlRule("Public:Host"),
        new HttpUrlRule("OpenAI:Endpoint"),
        new WholeNumberRule("OpenAI:TimeoutSeconds", 1, 120),
        new HttpUrlRule("Google:TextToSpeechEndpoint"),
        new WholeNumberRule("Google:TimeoutSeconds", 1, 60),
        new WholeNumberRule("Whisper:LoadTimeoutSeconds", 1, 600),
        new WholeNumberRule("Whisper:Threads", 0, 1024),

        new WholeNumberRule("Orleans:SiloPort", 1, 65_535),
        new WholeNumberRule("Orleans:GatewayPort", 1, 65_535),
        new WholeNumberRule("Orleans:Endpoints:SiloPort", 1, 65_535),
        new WholeNumberRule("Orleans:Endpoints:GatewayPort", 1, 65_535),
        new WholeNumberRule("Orleans:DeathVotes", 1, 100),
        new IpAddressRule("Orleans:AdvertisedAddress"),

        new IpNetworkListRule("Proxy:KnownProxies"),
    ];

    private static readonly Dictionary<string, SettingRule> ByKey = All.ToDictionary(rule => rule.Key, StringComparer.OrdinalIgnoreCase);

    public static SettingRule? Find(string key) => ByKey.GetValueOrDefault(key);

    /// <summary>One phrase per setting that is set to a value its rule refuses.</summary>
    public static IReadOnlyList<string> FindProblems(IConfiguration configuration) =>
        [.. All.Select(rule => FindProblem(configuration, rule.Key)).OfType<string>()];

    /// <summary>Why the value at <paramref name="key"/> is refused, or null when it is allowed, not set, or has no rule.</summary>
    public static string? FindProblem(IConfiguration configuration, string key) =>
        Find(key) is { } rule && configuration[key] is { } text && !string.IsNullOrWhiteSpace(text) && !rule.Accepts(text)
            ? Describe(rule, text)
            : null;

    /// <summary>"Calls__ReplyWait is "4d": give a duration from 1 s to 8 s (…)"; the alias too when there is one.</summary>
    public static string Describe(SettingRule rule, string text)
    {
        var name = rule.Key.Replace(":", "__", StringComparison.Ordinal);
        if (EnvironmentAliases.Map.FirstOrDefault(alias => alias.Key.Equals(rule.Key, StringComparison.OrdinalIgnoreCase)).Alias is { } alias)
        {
            name = $"{alias} ({name})";
        }
        // The value helps the operator find the typo; these settings hold no secrets, and a long one is cut.
        var shown = text.Length > 40 ? text[..40] + "…" : text;
        return $"{name} is \"{shown}\": give {rule.Allowed}";
    }
}
