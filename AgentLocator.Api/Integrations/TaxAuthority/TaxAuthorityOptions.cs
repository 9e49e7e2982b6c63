namespace AgentLocator.Api.Integrations.TaxAuthority;

/// <summary>
/// The Tax Authority's "Israel Invoices" (חשבוניות ישראל) API and its OAuth2 server (section <c>TaxAuthority</c>). The
/// software house registers once with the Authority for a client id and secret; each business then connects its own
/// account. Without a client id no business can connect, and documents that need a number wait with that reason.
/// </summary>
public sealed class TaxAuthorityOptions
{
    public const string Section = "TaxAuthority";

    /// <summary>The OAuth2 authorization endpoint the admin's browser is sent to.</summary>
    public string AuthorizeUrl { get; set; } = "https://openapi.taxes.gov.il/shaam/production/longtimetoken/oauth2/authorize";

    public string TokenUrl { get; set; } = "https://openapi.taxes.gov.il/shaam/production/longtimetoken/oauth2/token";

    /// <summary>Where the Invoices API lives; the approval request goes to <c>{ApiBaseUrl}/Invoices/v1/Approval</c>.</summary>
    public string ApiBaseUrl { get; set; } = "https://openapi.taxes.gov.il/shaam/production/";

    public string? ClientId { get; set; }
    public string? ClientSecret { get; set; }
    public string Scope { get; set; } = "scope";

    /// <summary>The registration number the Authority gives the software (Accounting_Software_Number).</summary>
    public long SoftwareNumber { get; set; }

    /// <summary>One request's limit; past it the document waits and is tried again.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>The first wait after a failed attempt; each next one doubles, up to <see cref="RetryMaxDelay"/>.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMinutes(1);

    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How often the background retry looks for documents whose next attempt is due.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(30);

    public bool CanConnect => !string.IsNullOrEmpty(ClientId);

    /// <summary>The wait before attempt <paramref name="attempts"/> + 1: base × 2^(attempts − 1), capped.</summary>
    public TimeSpan BackoffAfter(int attempts)
    {
        var factor = Math.Pow(2, Math.Clamp(attempts - 1, 0, 20));
        var delay = TimeSpan.FromTicks((long)Math.Min(RetryBaseDelay.Ticks * factor, RetryMaxDelay.Ticks));
        return delay < RetryBaseDelay ? RetryBaseDelay : delay;
    }
}
