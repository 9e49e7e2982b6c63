using AgentLocator.Grains.Features;

namespace AgentLocator.Api.Infrastructure.Entitlements;

/// <summary>
/// One row of <see cref="RouteFeatures.Table"/>: a route pattern (or, ending in <c>/**</c>, a pattern and everything
/// under it) and either the feature a caller must have or the reason it needs none.
/// </summary>
public sealed record RouteAccess(string Pattern, Feature? Feature, string? UngatedReason)
{
    public bool IsArea => Pattern.EndsWith("/**", StringComparison.Ordinal);

    private string Prefix => IsArea ? Pattern[..^3] : Pattern;

    public bool Matches(string pattern) => IsArea
        ? pattern.Equals(Prefix, StringComparison.OrdinalIgnoreCase) || pattern.StartsWith(Prefix + "/", StringComparison.OrdinalIgnoreCase)
        : pattern.Equals(Pattern, StringComparison.OrdinalIgnoreCase);

    /// <summary>The URL prefix of a gated area, for the fallback that gates its routes not built yet.</summary>
    public string AreaPrefix => Prefix;
}

/// <summary>
/// Every mapped route's feature, in one table that <see cref="FeatureGate"/> applies at request time. A route in
/// neither a gated row nor an ungated row is refused (and <c>RouteFeatureTableTests</c> fails), so a new route cannot
/// ship customer data without someone deciding here which feature it belongs to.
/// </summary>
public static class RouteFeatures
{
    private static RouteAccess Gated(string pattern, Feature feature) => new(pattern, feature, null);

    private static RouteAccess Ungated(string pattern, string reason) => new(pattern, null, reason);

    public static readonly IReadOnlyList<RouteAccess> Table =
    [
        // Feature areas: every route under them, those not built yet included (see MapFeatureFallbacks).
        Gated("/api/crm/**", Feature.Crm),
        // A call names its caller as matched (the customer's name); that identification is part of the call log.
        Gated("/api/calls/**", Feature.Calls),
        Gated("/api/admin/call-settings/**", Feature.Calls),
        Gated("/api/whatsapp/**", Feature.WhatsApp),
        Gated("/api/contracts/**", Feature.Contracts),
        Gated("/api/contract-templates/**", Feature.Contracts),
        Gated("/api/customers/{customerId:guid}/contracts/**", Feature.Contracts),
        Gated("/api/invoices/**", Feature.Invoices),
        Gated("/api/signatures/**", Feature.Signatures),
        Gated("/api/customers/{id:guid}/signature-requests", Feature.Signatures),

        // Ungated, each with the reason it shows no feature's data.
        Ungated("/api/auth/login", "signing in comes before any feature"),
        Ungated("/api/auth/refresh", "the session itself, before any feature"),
        Ungated("/api/auth/logout", "ends the session"),
        Ungated("/api/me", "the caller's own account and the features they have"),
        Ungated("/api/me/preferences/{key}", "the caller's own display preferences"),
        Ungated("/api/admin/features", "admin only: the business's feature switches, within its plan"),
        Ungated("/api/admin/users", "admin only: the business's users and their feature limits"),
        Ungated("/api/admin/users/{id:guid}/features", "admin only: narrows a user's features within the plan"),
        Ungated("/api/admin/audit/", "admin only: the business's audit log, which every admin may read whatever is switched on"),
        Ungated("/api/admin/audit/export.csv", "admin only: the audit log as CSV"),
        Ungated("/api/admin/users/{id:guid}/role", "admin only: a user's role; the last admin stays"),
        Ungated("/api/admin/users/{id:guid}/disable", "admin only: signs the user out everywhere; their tasks stay"),
        Ungated("/api/admin/users/{id:guid}/enable", "admin only: lets a disabled user sign in again, within the plan's user cap"),
        Ungated("/api/admin/users/{id:guid}/password-reset", "admin only: a one-time link for the user to set a new password"),
        Ungated("/api/admin/invitations", "admin only: invite users (email or phone, role, features within the plan)"),
        Ungated("/api/admin/invitations/{id:guid}", "admin only: revoke an open invitation"),
        Ungated("/api/admin/invitations/{id:guid}/sms", "admin only: send an invitation link by SMS"),
        Ungated("/api/account-links/{token}", "public: the one-time invitation or reset link itself is the credential"),
        Ungated("/api/me/password", "the caller's own password (the current one required)"),
        Ungated("/api/me/sign-out-others", "ends the caller's other sessions"),
        Ungated("/api/operator/**", "the operator's business controls: operator key only, never a tenant user (OperatorAccess)"),
        Ungated("/api/notifications/vapid-public-key", "the server's public push key"),
        Ungated("/api/notifications/subscribe", "the caller's own push subscription"),
        Ungated("/api/tasks/", "every user's own work; customer fields need crm and call fields need calls (TaskVisibility)"),
        Ungated("/api/tasks/due", "every user's own alerts; customer fields need crm and call fields need calls (TaskVisibility)"),
        Ungated("/api/tasks/{id:guid}", "every user's work; customer fields need crm and call fields need calls (TaskVisibility)"),
        Ungated("/api/tasks/{id:guid}/snooze", "every user's work; the answer's fields as for /api/tasks (TaskVisibility)"),
        Ungated("/api/tasks/{id:guid}/done", "every user's work; the answer's fields as for /api/tasks (TaskVisibility)"),
        Ungated("/api/tasks/{id:guid}/reopen", "every user's work; the answer's fields as for /api/tasks (TaskVisibility)"),
        Ungated("/api/public/tax-authority/callback", "the Tax Authority's OAuth2 redirect: only its Data Protection state names the business"),
        Ungated("/api/public/documents/{token}", "a customer's link to one issued document: the unguessable, expiring token is the permission; rate-limited"),
        Ungated("/api/public/sign/**", "a signer's link to one signer of one request: the unguessable, expiring token is the permission; rate-limited per address and per link"),
        Ungated("/api/documents/verify", "anyone holding a signed PDF may check it; the answer repeats only what the PDF's own certificate page shows; rate-limited"),
        Ungated("/api/development/reset-demo-data", "Development only: the AppHost's reset command; no user"),
        Ungated("/webhook/incoming_call", "Twilio's callback: signed by Twilio, no user; the business is found by its number"),
        Ungated("/webhook/handle_recording", "Twilio's callback: signed by Twilio, no user; answers TwiML"),
        Ungated("/webhook/call_reply", "Twilio's callback: signed by Twilio, no user; answers TwiML"),
        Ungated("/webhook/call_status", "Twilio's callback: signed by Twilio, no user; acknowledged"),
        Ungated("/webhook/recording_status", "Twilio's callback: signed by Twilio, no user; acknowledged"),
        Ungated("/webhook/whatsapp", "Twilio's messaging callback: signed by Twilio, no user; the business is found by its sender number"),
        Ungated("/webhook/whatsapp_status", "Twilio's message status callback: signed by Twilio, no user; acknowledged"),
        Ungated("/media/hold.wav", "audio Twilio fetches during a call; no user, nothing of a customer"),
        Ungated("/media/hold-first.wav", "audio Twilio fetches during a call; no user, nothing of a customer"),
        Ungated("/media/{key}", "greetings and replies Twilio fetches by unguessable key; never recordings"),
        Ungated("/ws", "the SignalR hub: each hub method is gated by RequiresFeatureAttribute"),
        Ungated("/ws/negotiate", "the SignalR hub's handshake; methods are gated by RequiresFeatureAttribute"),
        Ungated("/health", "readiness probe; no tenant data"),
        Ungated("/alive", "liveness probe; no tenant data"),
        Ungated("/openapi/{documentName}.json", "the API's description; no data"),
        Ungated("/scalar/**", "Development only: the API reference page; no data"),
        Ungated("/dashboard/**", "the Orleans dashboard spans every business: operator key only, never a tenant user (OperatorAccess)"),
        Ungated("/api/{**rest}", "unknown API paths: a 404 problem"),
        Ungated("/ws/{**rest}", "unknown hub paths: a 404 problem"),
        Ungated("/webhook/{**rest}", "unknown webhook paths: a 404 problem"),
        Ungated("/media/{**rest}", "unknown media paths: a 404 problem"),
        Ungated("/openapi/{**rest}", "unknown document paths: a 404 problem"),
        Ungated("{*path:nonfile}", "the web app's page shell (index.html); data comes from the API routes above"),
    ];

    /// <summary>The row for a route pattern; a gated row wins over an ungated one, then the most specific.</summary>
    public static RouteAccess? Find(string? rawPattern)
    {
        if (rawPattern is null)
        {
            return null;
        }
        var pattern = rawPattern.StartsWith('{') ? rawPattern : "/" + rawPattern.TrimStart('/');
        return Table.Where(row => row.Matches(pattern))
            .OrderBy(row => row.Feature is null)
            .ThenByDescending(row => row.Pattern.Length)
            .FirstOrDefault();
    }

    public static IEnumerable<RouteAccess> GatedAreas => Table.Where(row => row.Feature is not null && row.IsArea);
}
