using System.Text.Json;
using AgentLocator.Api.Infrastructure.Auth;
using AgentLocator.Grains.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AgentLocator.Api.Integrations.TaxAuthority;

public sealed record TaxAuthorityStatus(bool CanConnect, bool Connected, DateTimeOffset? ConnectedAt);

public sealed record TaxAuthorityConnectResponse(string AuthorizeUrl);

/// <summary>
/// An admin connects the business to the Tax Authority (OAuth2 authorization code) from the invoice settings page: connect
/// answers the Authority's authorize URL with a <c>state</c> that is a Data Protection payload (business, user, expiry), and
/// the Authority sends the browser back to the callback with a code. The callback trusts nothing but that state, so it needs
/// no session cookie (which a cross-site redirect may not carry).
/// </summary>
public static class TaxAuthorityConnectApi
{
    public const string CallbackPath = "/api/public/tax-authority/callback";
    public const string SettingsPage = "/invoices/settings";
    private static readonly TimeSpan StateLifetime = TimeSpan.FromMinutes(15);
    private const string StatePurpose = "AgentLocator.TaxAuthority.OAuthState.v1";

    /// <summary>Under the admin-only <c>/api/invoices/settings</c> group.</summary>
    public static RouteGroupBuilder MapTaxAuthorityConnection(this RouteGroupBuilder settings)
    {
        settings.MapGet("/tax-authority", StatusAsync).WithSummary("Whether the business is connected to the Tax Authority.");
        settings.MapPost("/tax-authority/connect", Connect).WithSummary("The Tax Authority's authorize URL to send the admin's browser to.");
        settings.MapDelete("/tax-authority", DisconnectAsync).WithSummary("Forget the business's Tax Authority tokens.");
        return settings;
    }

    public static IEndpointRouteBuilder MapTaxAuthorityCallback(this IEndpointRouteBuilder app)
    {
        app.MapGet(CallbackPath, CallbackAsync).AllowAnonymous().WithTags("Invoices")
            .WithSummary("Where the Tax Authority sends the admin's browser back with the authorization code.");
        return app;
    }

    public static async Task<Ok<TaxAuthorityStatus>> StatusAsync(AgentLocatorDbContext db, IOptions<TaxAuthorityOptions> options,
        CancellationToken cancellationToken)
    {
        var connectedAt = await db.TaxAuthorityConnections.AsNoTracking().Select(c => (DateTimeOffset?)c.ConnectedAt).FirstOrDefaultAsync(cancellationToken);
        return TypedResults.Ok(new TaxAuthorityStatus(options.Value.CanConnect, connectedAt is not null, connectedAt?.ToUniversalTime()));
    }

    public static Results<Ok<TaxAuthorityConnectResponse>, ProblemHttpResult> Connect(HttpContext context,
        IDataProtectionProvider protection, IOptions<TaxAuthorityOptions> options, IConfiguration configuration, TimeProvider clock)
    {
        var settings = options.Value;
        if (!settings.CanConnect)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The Tax Authority connection is not configured.",
                detail: "The operator sets TaxAuthority:ClientId and ClientSecret (the software's registration with the Authority).");
        }
        var state = new OAuthState(context.User.GetBusinessId(), context.User.GetUserId(), clock.GetUtcNow() + StateLifetime);
        var protectedState = protection.CreateProtector(StatePurpose).Protect(JsonSerializer.Serialize(state));
        var query = QueryString.Create(new KeyValuePair<string, string?>[]
        {
            new("response_type", "code"), new("client_id", settings.ClientId), new("redirect_uri", RedirectUri(context, configuration)),
            new("scope", settings.Scope), new("state", protectedState),
        });
        return TypedResults.Ok(new TaxAuthorityConnectResponse(settings.AuthorizeUrl + query));
    }

    public static async Task<NoContent> DisconnectAsync(AgentLocatorDbContext db, TaxAuthorityTokens tokens, CancellationToken cancellationToken)
    {
        await tokens.DisconnectAsync(db, cancellationToken);
        return TypedResults.NoContent();
    }

    /// <summary>Back to the settings page, with <c>taxAuthority=connected</c> or <c>taxAuthority=failed</c>.</summary>
    public static async Task<RedirectHttpResult> CallbackAsync(string? code, string? state, string? error, HttpContext context,
        TenantDbContextFactory contexts, TaxAuthorityTokens tokens, IDataProtectionProvider protection, IConfiguration configuration,
        TimeProvider clock, ILogger<TaxAuthorityTokens> logger, CancellationToken cancellationToken)
    {
        var failed = TypedResults.Redirect(SettingsPage + "?taxAuthority=failed");
        if (error is not null || code is not { Length: > 0 } || Unprotect(protection, state) is not { } origin || origin.ExpiresAt < clock.GetUtcNow())
        {
            return failed;
        }
        await using var db = contexts.For(origin.BusinessId);
        try
        {
            return await tokens.ConnectAsync(db, origin.BusinessId, origin.UserId, code, RedirectUri(context, configuration), cancellationToken)
                ? TypedResults.Redirect(SettingsPage + "?taxAuthority=connected")
                : failed;
        }
        catch (Exception failure) when (failure is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("The Tax Authority's token endpoint could not be reached: {Error}", failure.Message);
            return failed;
        }
    }

    private static OAuthState? Unprotect(IDataProtectionProvider protection, string? state)
    {
        if (state is not { Length: > 0 })
        {
            return null;
        }
        try
        {
            return JsonSerializer.Deserialize<OAuthState>(protection.CreateProtector(StatePurpose).Unprotect(state));
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }

    /// <summary>The callback's absolute URL on the address the browser uses: PUBLIC_HOST when set, else this request's.</summary>
    private static string RedirectUri(HttpContext context, IConfiguration configuration) =>
        (configuration["Public:Host"] is { Length: > 0 } host ? host.TrimEnd('/') : $"{context.Request.Scheme}://{context.Request.Host}") + CallbackPath;

    private sealed record OAuthState(Guid BusinessId, Guid UserId, DateTimeOffset ExpiresAt);
}
