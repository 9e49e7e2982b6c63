namespace AgentLocator.Api.Integrations.WebPush;

/// <summary>The <c>Vapid</c> configuration section (RFC 8292). The keys may also come as VAPID_PUBLIC_KEY / VAPID_PRIVATE_KEY.</summary>
public sealed class VapidOptions
{
    public const string SectionName = "Vapid";
    public const string DefaultSubject = "mailto:support@agentlocator.local";

    /// <summary>Base64url of the 65-byte uncompressed P-256 point; browsers receive it as <c>applicationServerKey</c>.</summary>
    public string? PublicKey { get; set; }

    /// <summary>Base64url of the 32-byte private scalar. Never logged.</summary>
    public string? PrivateKey { get; set; }

    /// <summary>How a push service operator can reach us (<c>mailto:</c> or <c>https:</c>), sent as the JWT's <c>sub</c>.</summary>
    public string Subject { get; set; } = DefaultSubject;

    /// <summary>Development only: where a generated key pair is kept so browsers' subscriptions survive restarts.</summary>
    public string? DevelopmentKeyFile { get; set; }
}
