using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization;
using AgentLocator.Grains.Data;
using AgentLocator.Grains.Data.Entities;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AgentLocator.Api.Integrations.TaxAuthority;

/// <summary>An access token to use, or why there is none (and whether waiting may help).</summary>
public sealed record AccessToken(string? Token, string? Problem, bool Transient);

/// <summary>
/// A business's Tax Authority tokens: got with the authorization code, kept as one Data Protection payload, refreshed when
/// the access token is (about to be) expired. A refresh locks the connection row, so two instances never spend the same
/// refresh token. Tokens are never logged; only the OAuth error code is.
/// </summary>
public sealed class TaxAuthorityTokens(IDataProtectionProvider protection, IHttpClientFactory httpClients, IOptions<TaxAuthorityOptions> options,
    TimeProvider clock, ILogger<TaxAuthorityTokens> logger)
{
    public const string HttpClientName = "tax-authority";

    /// <summary>A token this close to its expiry is refreshed first, so it does not expire in flight.</summary>
    private static readonly TimeSpan ExpiryMargin = TimeSpan.FromSeconds(60);

    private readonly IDataProtector protector = protection.CreateProtector("AgentLocator.TaxAuthority.Tokens.v1");

    private TaxAuthorityOptions Settings => options.Value;

    /// <summary>Exchanges the code the Authority sent back for tokens and stores them; false when it refused the code.</summary>
    public async Task<bool> ConnectAsync(AgentLocatorDbContext db, Guid businessId, Guid? userId, string code, string redirectUri,
        CancellationToken cancellationToken)
    {
        var tokens = await TokenRequestAsync(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code", ["code"] = code, ["redirect_uri"] = redirectUri,
        }, cancellationToken);
        if (tokens?.AccessToken is not { Length: > 0 })
        {
            return false;
        }
        var now = clock.GetUtcNow();
        var connection = await db.TaxAuthorityConnections.FirstOrDefaultAsync(cancellationToken);
        if (connection is null)
        {
            connection = new TaxAuthorityConnection { BusinessId = businessId, ProtectedTokens = "", ConnectedAt = now };
            db.TaxAuthorityConnections.Add(connection);
        }
        Store(connection, tokens, null, now);
        connection.ConnectedAt = now;
        connection.ConnectedById = userId;
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    public async Task<bool> DisconnectAsync(AgentLocatorDbContext db, CancellationToken cancellationToken) =>
        await db.TaxAuthorityConnections.ExecuteDeleteAsync(cancellationToken) > 0;

    /// <summary>The business's access token, refreshed first when it has expired or <paramref name="forceRefresh"/> (a 401).</summary>
    public async Task<AccessToken> GetAsync(AgentLocatorDbContext db, bool forceRefresh, CancellationToken cancellationToken)
    {
        var connection = await db.TaxAuthorityConnections.AsNoTracking().FirstOrDefaultAsync(cancellationToken);
        if (connection is null)
        {
            return new AccessToken(null, Grains.Invoices.AllocationReasons.NotConnected, false);
        }
        var now = clock.GetUtcNow();
        if (!forceRefresh && connection.AccessTokenExpiresAt - ExpiryMargin > now)
        {
            return new AccessToken(Unprotect(connection).Access, null, false);
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlInterpolatedAsync(
            $"SELECT 1 FROM tax_authority_connections WHERE business_id = {connection.BusinessId} FOR UPDATE", cancellationToken);
        var locked = await db.TaxAuthorityConnections.FirstOrDefaultAsync(cancellationToken);
        if (locked is null)
        {
            return new AccessToken(null, Grains.Invoices.AllocationReasons.NotConnected, false);
        }
        if (locked.UpdatedAt > connection.UpdatedAt && locked.AccessTokenExpiresAt - ExpiryMargin > now)
        {
            // Another request refreshed it while this one waited for the lock.
            return new AccessToken(Unprotect(locked).Access, null, false);
        }
        var stored = Unprotect(locked);
        if (stored.Refresh is not { Length: > 0 } refreshToken)
        {
            return new AccessToken(null, "החיבור לרשות המסים פג; יש לחבר את החשבון מחדש בהגדרות החשבוניות", false);
        }
        TokenResponse? tokens;
        try
        {
            tokens = await TokenRequestAsync(new Dictionary<string, string> { ["grant_type"] = "refresh_token", ["refresh_token"] = refreshToken },
                cancellationToken);
        }
        catch (Exception error) when (error is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return new AccessToken(null, Grains.Invoices.AllocationReasons.Unavailable, true);
        }
        if (tokens?.AccessToken is not { Length: > 0 })
        {
            return new AccessToken(null, "רשות המסים דחתה את חידוש החיבור; יש לחבר את החשבון מחדש בהגדרות החשבוניות", false);
        }
        Store(locked, tokens, refreshToken, now);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new AccessToken(tokens.AccessToken, null, false);
    }

    /// <summary>A token endpoint call; null when the server refused the grant (4xx), which is logged by its OAuth error code.</summary>
    private async Task<TokenResponse?> TokenRequestAsync(Dictionary<string, string> form, CancellationToken cancellationToken)
    {
        form["client_id"] = Settings.ClientId ?? "";
        form["client_secret"] = Settings.ClientSecret ?? "";
        var http = httpClients.CreateClient(HttpClientName);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Settings.RequestTimeout);
        using var request = new HttpRequestMessage(HttpMethod.Post, Settings.TokenUrl) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        using var response = await http.SendAsync(request, timeout.Token);
        if ((int)response.StatusCode is >= 400 and < 500)
        {
            var error = await ReadAsync<OAuthError>(response, timeout.Token);
            logger.LogWarning("The Tax Authority refused a {Grant} grant: {Error}", form["grant_type"], error?.Error ?? ((int)response.StatusCode).ToString());
            return null;
        }
        response.EnsureSuccessStatusCode();
        return await ReadAsync<TokenResponse>(response, timeout.Token);
    }

    private static async Task<T?> ReadAsync<T>(HttpResponseMessage response, CancellationToken cancellationToken) where T : class
    {
        try
        {
            return await response.Content.ReadFromJsonAsync<T>(cancellationToken);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private void Store(TaxAuthorityConnection connection, TokenResponse tokens, string? previousRefresh, DateTimeOffset now)
    {
        // A server that does not rotate refresh tokens sends none back: the old one stays good.
        var stored = new StoredTokens(tokens.AccessToken!, tokens.RefreshToken is { Length: > 0 } rotated ? rotated : previousRefresh);
        connection.ProtectedTokens = protector.Protect(JsonSerializer.Serialize(stored));
        connection.AccessTokenExpiresAt = now + TimeSpan.FromSeconds(tokens.ExpiresIn is { } seconds && seconds > 0 ? seconds : 3600);
        connection.UpdatedAt = now;
    }

    private StoredTokens Unprotect(TaxAuthorityConnection connection) =>
        JsonSerializer.Deserialize<StoredTokens>(protector.Unprotect(connection.ProtectedTokens))!;

    private sealed record StoredTokens(string Access, string? Refresh);

    private sealed record TokenResponse(
        [property: JsonPropertyName("access_token")] string? AccessToken,
        [property: JsonPropertyName("refresh_token")] string? RefreshToken,
        [property: JsonPropertyName("expires_in")] long? ExpiresIn);

    private sealed record OAuthError([property: JsonPropertyName("error")] string? Error);
}
