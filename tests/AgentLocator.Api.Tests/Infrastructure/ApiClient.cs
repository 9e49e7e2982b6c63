using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using AgentLocator.Api.Account;
using AgentLocator.Grains.Data;

namespace AgentLocator.Api.Tests.Infrastructure;

/// <summary>An HTTP client with its own cookie jar, as one browser would be.</summary>
public sealed class ApiClient : IDisposable
{
    public ApiClient(AgentLocatorApiFactory factory) : this(factory.ServerAddress)
    {
    }

    /// <summary>For an API running as its own process (<see cref="RunningApi"/>).</summary>
    public ApiClient(Uri serverAddress)
    {
        Cookies = new CookieContainer();
        Http = new HttpClient(new HttpClientHandler { CookieContainer = Cookies, UseCookies = true })
        {
            BaseAddress = serverAddress,
        };
    }

    public HttpClient Http { get; }
    public CookieContainer Cookies { get; }

    public async Task<AuthResponse> SignInAsync(string email, string password = DevelopmentSeed.DemoPassword)
    {
        var response = await Http.PostAsJsonAsync("/api/auth/login", new { email, password });
        response.EnsureSuccessStatusCode();
        var auth = (await response.Content.ReadFromJsonAsync<AuthResponse>(JsonSerializerOptions.Web))!;
        UseToken(auth.AccessToken);
        return auth;
    }

    public void UseToken(string? accessToken) =>
        Http.DefaultRequestHeaders.Authorization = accessToken is null ? null : new AuthenticationHeaderValue("Bearer", accessToken);

    public Cookie? RefreshCookie => Cookies.GetAllCookies().FirstOrDefault(cookie => cookie.Name == AgentLocator.Api.Account.RefreshCookie.Name);

    public void Dispose() => Http.Dispose();
}
