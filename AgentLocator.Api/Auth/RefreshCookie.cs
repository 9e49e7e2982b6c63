namespace AgentLocator.Api.Auth;

/// <summary>
/// The refresh token lives only in an HttpOnly cookie scoped to <c>/api/auth</c>: page scripts never see it,
/// and it is not sent with ordinary API calls.
/// </summary>
public static class RefreshCookie
{
    public const string Name = "al_refresh";
    public const string Path = "/api/auth";

    public static string? Read(HttpRequest request) =>
        request.Cookies.TryGetValue(Name, out var value) && !string.IsNullOrWhiteSpace(value) ? value : null;

    public static void Write(HttpResponse response, string token, DateTimeOffset expiresAt) =>
        response.Cookies.Append(Name, token, Options(response.HttpContext.Request, expiresAt));

    public static void Clear(HttpResponse response) =>
        response.Cookies.Delete(Name, Options(response.HttpContext.Request, null));

    private static CookieOptions Options(HttpRequest request, DateTimeOffset? expiresAt) => new()
    {
        HttpOnly = true,
        Secure = request.IsHttps,
        SameSite = SameSiteMode.Strict,
        Path = Path,
        Expires = expiresAt,
        IsEssential = true,
    };
}
