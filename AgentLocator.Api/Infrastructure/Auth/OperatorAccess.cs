using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using Orleans.Dashboard;

namespace AgentLocator.Api.Infrastructure.Auth;

/// <summary>
/// The operator runs the service for every business; tenant users never are the operator. Operator routes (the
/// Orleans dashboard, which shows every business's grains and reminders) need the <c>Operator:Key</c> setting
/// (<c>OPERATOR_KEY</c>), sent as HTTP Basic credentials (any user name, the key as password: a browser asks for
/// them itself) or as the <c>X-Operator-Key</c> header (scripts). Without a key set, operator routes are not mapped.
/// </summary>
public static class OperatorAccess
{
    public const string Scheme = "Operator";
    public const string Policy = "operator";
    public const string Role = "operator";
    public const string KeySetting = "Operator:Key";
    public const string KeyHeader = "X-Operator-Key";
    public const string DashboardPath = "/dashboard";
    public const int MinimumKeyBytes = 32;

    public static AuthenticationBuilder AddOperatorKey(this AuthenticationBuilder authentication) =>
        authentication.AddScheme<AuthenticationSchemeOptions, OperatorKeyHandler>(Scheme, null);

    /// <summary>
    /// Both schemes are read so a signed-in tenant user is recognised and refused (403) rather than asked for a
    /// password. Only an identity this scheme issued counts: no tenant token can claim the operator role.
    /// </summary>
    public static AuthorizationBuilder AddOperatorPolicy(this AuthorizationBuilder authorization) =>
        authorization.AddPolicy(Policy, policy => policy
            .AddAuthenticationSchemes(Scheme, JwtBearerDefaults.AuthenticationScheme)
            .RequireAuthenticatedUser()
            .RequireAssertion(context => context.User.Identities.Any(identity =>
                identity.IsAuthenticated && identity.AuthenticationType == Scheme && identity.HasClaim(AgentClaims.Role, Role))));

    /// <summary>The Orleans dashboard, for the operator only; not mapped at all when no operator key is set.</summary>
    public static WebApplication MapOperatorDashboard(this WebApplication app)
    {
        if (string.IsNullOrWhiteSpace(app.Configuration[KeySetting]))
        {
            app.Logger.LogInformation("No operator key (OPERATOR_KEY) set: the Orleans dashboard at {Path} is off.", DashboardPath);
            return app;
        }
        app.MapOrleansDashboard(routePrefix: DashboardPath).RequireAuthorization(Policy).ExcludeFromDescription();
        return app;
    }
}

/// <summary>Authenticates the operator key in constant time; anything else is "no result", never a tenant identity.</summary>
public sealed class OperatorKeyHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, IConfiguration configuration)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var key = configuration[OperatorAccess.KeySetting];
        var presented = PresentedKey();
        if (string.IsNullOrWhiteSpace(key) || presented is null)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }
        if (!SameKey(presented, key))
        {
            return Task.FromResult(AuthenticateResult.Fail("Wrong operator key."));
        }
        var identity = new ClaimsIdentity([new Claim(AgentClaims.Role, OperatorAccess.Role), new Claim(AgentClaims.Name, "operator")],
            OperatorAccess.Scheme, AgentClaims.Name, AgentClaims.Role);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), OperatorAccess.Scheme)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.Append("WWW-Authenticate", "Basic realm=\"AgentLocator operator\", charset=\"UTF-8\"");
        return Task.CompletedTask;
    }

    private string? PresentedKey()
    {
        if (Request.Headers.TryGetValue(OperatorAccess.KeyHeader, out var header) && !string.IsNullOrEmpty(header))
        {
            return header.ToString();
        }
        var authorization = Request.Headers.Authorization.ToString();
        if (!authorization.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        try
        {
            var credentials = Encoding.UTF8.GetString(Convert.FromBase64String(authorization["Basic ".Length..].Trim()));
            var colon = credentials.IndexOf(':');
            return colon < 0 ? null : credentials[(colon + 1)..];
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>Compares hashes so neither the key's content nor its length leaks through timing.</summary>
    private static bool SameKey(string presented, string key) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(presented)), SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}
