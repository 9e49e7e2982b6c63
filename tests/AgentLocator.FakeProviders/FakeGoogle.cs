using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AgentLocator.FakeProviders;

public sealed record TokenRequest(string? GrantType, bool SignatureValid, string? Issuer, string? Audience, string? Scope);

public sealed record SynthesizeRequest(bool Authorized, string? Text, string? LanguageCode, string? Voice, string? AudioEncoding);

/// <summary>
/// Google's OAuth token endpoint (the JWT-bearer grant a service account uses) and Cloud Text-to-Speech's
/// <c>/v1/text:synthesize</c>. The fake makes its own service account: a fresh RSA key, written with
/// <c>token_uri</c> pointing here into a key file at <see cref="CredentialsPath"/>, and checks each assertion's signature.
/// </summary>
public sealed class FakeGoogle : IDisposable
{
    public const string ClientEmail = "tts@agentlocator-fake.iam.gserviceaccount.com";

    /// <summary>
    /// Google.Apis.Auth posts its assertion to the key file's token_uri but addresses it (aud) to Google's token
    /// endpoint whatever that URI is, so the fake accepts either.
    /// </summary>
    public const string GoogleTokenAudience = "https://oauth2.googleapis.com/token";

    private readonly RSA key = RSA.Create(2048);
    private readonly ConcurrentDictionary<string, bool> issuedTokens = new();
    private readonly string directory;

    internal FakeGoogle()
    {
        directory = Directory.CreateTempSubdirectory("agentlocator-fake-google-").FullName;
        CredentialsPath = Path.Combine(directory, "service-account.json");
    }

    public Uri TokenUri { get; private set; } = null!;

    /// <summary>A service-account key file for this fake (GOOGLE_APPLICATION_CREDENTIALS).</summary>
    public string CredentialsPath { get; }

    /// <summary>What synthesize answers with, base64-encoded. By default a short, valid MP3 of silence.</summary>
    public byte[] Audio { get; set; } = FakeAudio.SilentMp3();

    public FakeFaults Faults { get; } = new();

    /// <summary>Faults of the token endpoint alone.</summary>
    public FakeFaults TokenFaults { get; } = new();

    public RequestLog<TokenRequest> Tokens { get; } = new();

    public RequestLog<SynthesizeRequest> Syntheses { get; } = new();

    public void Reset()
    {
        Audio = FakeAudio.SilentMp3();
        Faults.Clear();
        TokenFaults.Clear();
        Tokens.Clear();
        Syntheses.Clear();
    }

    public void Dispose()
    {
        key.Dispose();
        Directory.Delete(directory, recursive: true);
    }

    /// <summary>The token URL written into the key file is known only once the server has its port.</summary>
    internal void Started(Uri baseAddress)
    {
        TokenUri = new Uri(baseAddress, "token");
        File.WriteAllText(CredentialsPath, ServiceAccountJson());
    }

    internal void Map(IEndpointRouteBuilder routes)
    {
        routes.MapPost("/token", (Func<HttpContext, Task<IResult>>)IssueTokenAsync);
        routes.MapPost("/v1/text:synthesize", (Func<HttpContext, Task<IResult>>)SynthesizeAsync);
    }

    private string ServiceAccountJson() => new JsonObject
    {
        ["type"] = "service_account",
        ["project_id"] = "agentlocator-fake",
        ["private_key_id"] = "fake-key-1",
        ["private_key"] = key.ExportPkcs8PrivateKeyPem() + "\n",
        ["client_email"] = ClientEmail,
        ["client_id"] = "100000000000000000001",
        ["auth_uri"] = "https://accounts.google.com/o/oauth2/auth",
        ["token_uri"] = TokenUri.ToString(),
    }.ToJsonString(new JsonSerializerOptions { WriteIndented = true });

    private async Task<IResult> IssueTokenAsync(HttpContext context)
    {
        if (!context.Request.HasFormContentType)
        {
            return TokenError("invalid_request", "Expected a form body.");
        }
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var grantType = form["grant_type"].ToString();
        var claims = VerifiedClaims(form["assertion"].ToString());
        Tokens.Add(new TokenRequest(grantType, claims is not null, (string?)claims?["iss"], (string?)claims?["aud"], (string?)claims?["scope"]));
        if (await TokenFaults.ApplyAsync(context, status => TokenError("server_error", "The fake was told to fail.", status)) is { } fault)
        {
            return fault;
        }
        if (grantType != "urn:ietf:params:oauth:grant-type:jwt-bearer")
        {
            return TokenError("unsupported_grant_type", "Only the JWT-bearer grant is supported.");
        }
        if (InvalidClaim(claims) is { } problem)
        {
            return TokenError("invalid_grant", problem);
        }
        var token = "ya29.fake-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        issuedTokens[token] = true;
        return Results.Json(new { access_token = token, expires_in = 3599, token_type = "Bearer" });
    }

    private string? InvalidClaim(JsonNode? claims)
    {
        if (claims is null)
        {
            return "Invalid JWT signature.";
        }
        var expires = claims["exp"]?.GetValue<long>() ?? 0;
        return (string?)claims["iss"] != ClientEmail ? $"iss {(string?)claims["iss"]} is not {ClientEmail}."
            : (string?)claims["aud"] is not { } audience || (audience != GoogleTokenAudience && audience != TokenUri.ToString())
                ? $"aud {(string?)claims["aud"]} is neither {GoogleTokenAudience} nor {TokenUri}."
            : expires < DateTimeOffset.UtcNow.ToUnixTimeSeconds() ? "The JWT has expired."
            : string.IsNullOrEmpty((string?)claims["scope"]) ? "No scope was requested."
            : null;
    }

    private JsonNode? VerifiedClaims(string assertion)
    {
        var parts = assertion.Split('.');
        if (parts.Length != 3)
        {
            return null;
        }
        try
        {
            var signed = Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]);
            if ((string?)JsonNode.Parse(Base64Url(parts[0]))?["alg"] != "RS256"
                || !key.VerifyData(signed, Base64Url(parts[2]), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1))
            {
                return null;
            }
            return JsonNode.Parse(Base64Url(parts[1]));
        }
        catch (Exception malformed) when (malformed is FormatException or JsonException)
        {
            return null;
        }
    }

    private async Task<IResult> SynthesizeAsync(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        var authorized = header.StartsWith("Bearer ", StringComparison.Ordinal) && issuedTokens.ContainsKey(header["Bearer ".Length..]);
        JsonNode? request;
        try
        {
            request = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
        }
        catch (JsonException)
        {
            request = null;
        }
        Syntheses.Add(new SynthesizeRequest(authorized, (string?)request?["input"]?["text"], (string?)request?["voice"]?["languageCode"],
            (string?)request?["voice"]?["name"], (string?)request?["audioConfig"]?["audioEncoding"]));
        if (!authorized)
        {
            return ApiError(StatusCodes.Status401Unauthorized, "Request had invalid authentication credentials.", "UNAUTHENTICATED");
        }
        if (await Faults.ApplyAsync(context, status => ApiError(status, "The fake was told to fail.", "INTERNAL")) is { } fault)
        {
            return fault;
        }
        if (request?["input"]?["text"] is null && request?["input"]?["ssml"] is null || request?["voice"]?["languageCode"] is null
            || request?["audioConfig"]?["audioEncoding"] is null)
        {
            return ApiError(StatusCodes.Status400BadRequest, "input, voice.languageCode and audioConfig.audioEncoding are required.", "INVALID_ARGUMENT");
        }
        return Results.Json(new { audioContent = Convert.ToBase64String(Audio) });
    }

    private static byte[] Base64Url(string text)
    {
        var base64 = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(base64.PadRight(base64.Length + (4 - base64.Length % 4) % 4, '='));
    }

    private static IResult TokenError(string error, string description, int status = StatusCodes.Status400BadRequest) =>
        Results.Json(new { error, error_description = description }, statusCode: status);

    private static IResult ApiError(int status, string message, string reason) =>
        Results.Json(new { error = new { code = status, message, status = reason } }, statusCode: status);
}
