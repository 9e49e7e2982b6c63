namespace AgentLocator.Api.Infrastructure.Auth;

public sealed class AuthOptions
{
    public const string SectionName = "Auth";
    public const string Issuer = "agentlocator";
    public const string Audience = "agentlocator";

    /// <summary>From <c>JWT_SECRET</c>; never logged.</summary>
    public string JwtSecret { get; set; } = "";

    /// <summary>Short, because a stolen access token cannot be revoked; the refresh cookie carries the session.</summary>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>A working day, with margin, before the password is asked again.</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(12);

    /// <summary>Two tabs refreshing at once present the same token; the second is not a theft.</summary>
    public TimeSpan RefreshReuseGrace { get; set; } = TimeSpan.FromSeconds(30);

    public int MaxFailedSignIns { get; set; } = 5;
    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Sign-in attempts per client address per minute, whatever the account.</summary>
    public int SignInAttemptsPerMinutePerAddress { get; set; } = 60;
}
