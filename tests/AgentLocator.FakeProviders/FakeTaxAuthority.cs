using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace AgentLocator.FakeProviders;

/// <summary>How the fake Authority answers an approval request.</summary>
public enum FakeAllocationMode
{
    /// <summary>Approved, with the next allocation number.</summary>
    Grant,

    /// <summary>Answered, not approved, with <see cref="FakeTaxAuthority.RefusalMessage"/>.</summary>
    Refuse,

    /// <summary>No answer until the client gives up (a timeout).</summary>
    Hang,

    /// <summary>503, as when the Authority is down.</summary>
    Down,
}

/// <summary>
/// The Tax Authority's OAuth2 server and the "Israel Invoices" approval endpoint, under <c>/tax-authority/</c>, in their
/// wire format: authorize redirects straight back with a code (the admin's consent is taken as given), the token endpoint
/// takes the authorization_code and refresh_token grants (the client's id and secret in the form), and
/// <c>Invoices/v1/Approval</c> wants a live bearer token and answers <c>Status</c>, <c>Message</c>,
/// <c>Confirmation_Number</c>, <c>Approved</c>.
/// </summary>
public sealed class FakeTaxAuthority
{
    public const string ClientId = "agentlocator-fake-client";
    public const string ClientSecret = "fake-tax-authority-secret";

    private readonly ConcurrentDictionary<string, string> codes = new();
    private readonly ConcurrentDictionary<string, DateTimeOffset> accessTokens = new();
    private readonly ConcurrentDictionary<string, bool> refreshTokens = new();
    private long nextNumber = 100_000_000;

    public FakeAllocationMode Mode { get; set; } = FakeAllocationMode.Grant;

    public string RefusalMessage { get; set; } = "מספר עוסק מורשה של הלקוח אינו תקין";

    /// <summary>The lifetime of the access tokens it hands out; a short one makes the client refresh.</summary>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Every approval request's JSON body, as received.</summary>
    public RequestLog<JsonObject> Approvals { get; } = new();

    /// <summary>Every access token it handed out, so a test can check none is stored in the clear.</summary>
    public RequestLog<string> IssuedAccessTokens { get; } = new();

    /// <summary>Every token request's grant type.</summary>
    public RequestLog<string> Grants { get; } = new();

    /// <summary>The numbers it granted, by the invoice's reference number.</summary>
    public ConcurrentDictionary<string, string> Granted { get; } = new();

    /// <summary>Makes every access token handed out so far invalid (as when the Authority revokes them): the next call gets 401.</summary>
    public void ExpireAccessTokens() => accessTokens.Clear();

    public void Reset()
    {
        Mode = FakeAllocationMode.Grant;
        AccessTokenLifetime = TimeSpan.FromHours(1);
        Approvals.Clear();
        Grants.Clear();
    }

    internal void Map(IEndpointRouteBuilder routes)
    {
        var authority = routes.MapGroup("/tax-authority");
        authority.MapGet("/oauth2/authorize", Authorize);
        authority.MapPost("/oauth2/token", (Func<HttpContext, Task<IResult>>)TokenAsync);
        authority.MapPost("/Invoices/v1/Approval", (Func<HttpContext, Task<IResult>>)ApproveAsync);
    }

    private IResult Authorize(string? response_type, string? client_id, string? redirect_uri, string? state)
    {
        if (response_type != "code" || client_id != ClientId || redirect_uri is not { Length: > 0 })
        {
            return Results.BadRequest(new { error = "invalid_request" });
        }
        var code = Token();
        codes[code] = redirect_uri;
        var separator = redirect_uri.Contains('?') ? '&' : '?';
        return Results.Redirect($"{redirect_uri}{separator}code={Uri.EscapeDataString(code)}&state={Uri.EscapeDataString(state ?? "")}");
    }

    private async Task<IResult> TokenAsync(HttpContext context)
    {
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var grant = form["grant_type"].ToString();
        Grants.Add(grant);
        if (form["client_id"] != ClientId || form["client_secret"] != ClientSecret)
        {
            return Results.Json(new { error = "invalid_client" }, statusCode: StatusCodes.Status401Unauthorized);
        }
        var valid = grant switch
        {
            "authorization_code" => codes.TryRemove(form["code"].ToString(), out var redirect) && redirect == form["redirect_uri"],
            "refresh_token" => refreshTokens.TryRemove(form["refresh_token"].ToString(), out _),
            _ => false,
        };
        if (!valid)
        {
            return Results.Json(new { error = "invalid_grant" }, statusCode: StatusCodes.Status400BadRequest);
        }
        var access = Token();
        var refresh = Token();
        accessTokens[access] = DateTimeOffset.UtcNow + AccessTokenLifetime;
        IssuedAccessTokens.Add(access);
        refreshTokens[refresh] = true;
        return Results.Json(new JsonObject
        {
            ["access_token"] = access, ["token_type"] = "Bearer", ["expires_in"] = (long)AccessTokenLifetime.TotalSeconds,
            ["refresh_token"] = refresh, ["scope"] = "scope",
        });
    }

    private async Task<IResult> ApproveAsync(HttpContext context)
    {
        var bearer = context.Request.Headers.Authorization.ToString();
        if (!bearer.StartsWith("Bearer ", StringComparison.Ordinal)
            || !accessTokens.TryGetValue(bearer["Bearer ".Length..], out var expires) || expires <= DateTimeOffset.UtcNow)
        {
            return Results.Json(new { error = "invalid_token" }, statusCode: StatusCodes.Status401Unauthorized);
        }
        var body = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted) as JsonObject;
        if (body is null)
        {
            return Results.Json(new { Status = 400, Message = "Invalid JSON", Approved = false }, statusCode: StatusCodes.Status400BadRequest);
        }
        Approvals.Add(body);
        switch (Mode)
        {
            case FakeAllocationMode.Hang:
                await Task.Delay(Timeout.Infinite, context.RequestAborted);
                return Results.StatusCode(StatusCodes.Status504GatewayTimeout);
            case FakeAllocationMode.Down:
                return Results.Json(new { Status = 503, Message = "Service unavailable" }, statusCode: StatusCodes.Status503ServiceUnavailable);
            case FakeAllocationMode.Refuse:
                return Results.Json(new JsonObject { ["Status"] = 400, ["Message"] = RefusalMessage, ["Confirmation_Number"] = null, ["Approved"] = false });
        }
        var reference = body["Invoice_Reference_Number"]?.GetValue<string>() ?? "";
        var key = $"{body["Vat_Number"]}/{body["Invoice_Type"]}/{reference}";
        // The same invoice asked again gets the number it was given.
        var number = Granted.GetOrAdd(key, _ => Interlocked.Increment(ref nextNumber).ToString(System.Globalization.CultureInfo.InvariantCulture));
        return Results.Json(new JsonObject { ["Status"] = 200, ["Message"] = "Approved", ["Confirmation_Number"] = number, ["Approved"] = true });
    }

    private static string Token() => Convert.ToHexString(RandomNumberGenerator.GetBytes(24));
}
