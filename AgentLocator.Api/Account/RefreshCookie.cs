namespace AgentLocator.Api.Account;

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

    /// <summary>
    /// Readable by page scripts and holding no secret: it only says "a session may exist", so the web app skips
    /// the refresh call (and its 401) on a first visit.
    /// </summary>
    public const string SessionMarkerName = "al_session";

    public static void Write(HttpResponse response, string token, DateTimeOffset expiresAt)
    {
        var request = response.HttpContext.Request;
        response.Cookies.Append(Name, token, Options(request, expiresAt));
        response.Cookies.Append(SessionMarkerName, "1", MarkerOptions(request, expiresAt));
    }

    public static void Clear(HttpResponse response)
    {
        var request = response.HttpContext.Request;
        response.Cookies.Delete(Name, Options(request, null));
        ClearSessionMarker(response);
    }

    public static void ClearSessionMarker(HttpResponse response) =>
        response.Cookies.Delete(SessionMarkerName, MarkerOptions(response.HttpContext.Request, null));

    private static CookieOptions MarkerOptions(HttpRequest request, DateTimeOffset? expiresAt) => new()
    {
        HttpOnly = false,
        Secure = request.IsHttps,
        SameSite = SameSiteMode.Strict,
        Path = "/",
        Expires = expiresAt,
        IsEssential = true,
    };

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
