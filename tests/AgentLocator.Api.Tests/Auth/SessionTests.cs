using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AgentLocator.Api.Account;
using AgentLocator.Api.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AgentLocator.Api.Tests.Auth;

/// <summary>Sessions with a reuse grace short enough to step past inside a test.</summary>
public sealed class ShortGraceApiFactory : AgentLocatorApiFactory
{
    public ShortGraceApiFactory() => WithSetting("Auth:RefreshReuseGrace", "00:00:03");
}

public sealed class SessionTests(ShortGraceApiFactory api) : IClassFixture<ShortGraceApiFactory>
{
    [Fact]
    public async Task Refresh_cookie_gives_a_new_access_token_and_rotates_the_cookie()
    {
        using var client = new ApiClient(api);
        var signIn = await client.SignInAsync("agent@demo.local");
        var firstCookie = client.RefreshCookie!.Value;
        client.UseToken(null);

        var refreshed = await client.Http.PostAsync("/api/auth/refresh", null);

        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        var body = (await refreshed.Content.ReadFromJsonAsync<AuthResponse>(JsonSerializerOptions.Web))!;
        Assert.Equal(signIn.User.Id, body.User.Id);
        Assert.NotEqual(firstCookie, client.RefreshCookie!.Value);

        client.UseToken(body.AccessToken);
        Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public async Task Without_a_cookie_refresh_is_401()
    {
        using var client = new ApiClient(api);

        var response = await client.Http.PostAsync("/api/auth/refresh", null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_replaced_token_presented_again_after_the_grace_revokes_the_whole_session()
    {
        using var client = new ApiClient(api);
        await client.SignInAsync("agent@demo.local");
        var stolen = client.RefreshCookie!.Value;
        Assert.Equal(HttpStatusCode.OK, (await client.Http.PostAsync("/api/auth/refresh", null)).StatusCode);
        var current = client.RefreshCookie!.Value;

        await Task.Delay(TimeSpan.FromSeconds(4));
        using var thief = new ApiClient(api);
        thief.Cookies.Add(api.ServerAddress, new Cookie(RefreshCookie.Name, stolen, RefreshCookie.Path));
        Assert.Equal(HttpStatusCode.Unauthorized, (await thief.Http.PostAsync("/api/auth/refresh", null)).StatusCode);

        // The rightful owner's newer token dies with the session too: both must sign in again.
        Assert.Equal(current, client.RefreshCookie!.Value);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.Http.PostAsync("/api/auth/refresh", null)).StatusCode);
    }

    [Fact]
    public async Task Two_tabs_refreshing_with_the_same_cookie_both_succeed_within_the_grace()
    {
        using var client = new ApiClient(api);
        await client.SignInAsync("agent@demo.local");
        var shared = client.RefreshCookie!.Value;
        Assert.Equal(HttpStatusCode.OK, (await client.Http.PostAsync("/api/auth/refresh", null)).StatusCode);

        using var otherTab = new ApiClient(api);
        otherTab.Cookies.Add(api.ServerAddress, new Cookie(RefreshCookie.Name, shared, RefreshCookie.Path));
        var response = await otherTab.Http.PostAsync("/api/auth/refresh", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.Http.PostAsync("/api/auth/refresh", null)).StatusCode);
    }

    [Fact]
    public async Task A_lost_refresh_answer_is_repeated_with_the_current_cookie_which_refreshes_after_the_grace()
    {
        using var client = new ApiClient(api);
        await client.SignInAsync("agent@demo.local");
        var signedInCookie = client.RefreshCookie!.Value;

        // The server rotates, but the answer never reaches the browser (a reload cancelled the request).
        using var lost = new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = api.ServerAddress };
        using var lostRequest = new HttpRequestMessage(HttpMethod.Post, "/api/auth/refresh");
        lostRequest.Headers.Add("Cookie", $"{RefreshCookie.Name}={signedInCookie}");
        var lostResponse = await lost.SendAsync(lostRequest);
        Assert.Equal(HttpStatusCode.OK, lostResponse.StatusCode);
        var rotatedAway = RefreshCookieSetBy(lostResponse);
        Assert.NotNull(rotatedAway);
        Assert.Equal(signedInCookie, client.RefreshCookie!.Value);

        var repeat = await client.Http.PostAsync("/api/auth/refresh", null);

        Assert.Equal(HttpStatusCode.OK, repeat.StatusCode);
        Assert.Equal(rotatedAway, RefreshCookieSetBy(repeat));
        Assert.Equal(rotatedAway, client.RefreshCookie!.Value);

        await Task.Delay(TimeSpan.FromSeconds(4));
        var afterGrace = await client.Http.PostAsync("/api/auth/refresh", null);
        Assert.Equal(HttpStatusCode.OK, afterGrace.StatusCode);
        Assert.NotEqual(rotatedAway, client.RefreshCookie!.Value);
    }

    [Fact]
    public async Task A_token_no_session_knows_is_401_and_leaves_the_cookies_alone()
    {
        using var client = new ApiClient(api);
        client.Cookies.Add(api.ServerAddress, new Cookie(RefreshCookie.Name, RefreshTokenChain.NewFirstToken(), RefreshCookie.Path));

        var response = await client.Http.PostAsync("/api/auth/refresh", null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.False(response.Headers.Contains("Set-Cookie"));
        Assert.NotNull(client.RefreshCookie);
    }

    [Fact]
    public async Task A_token_of_an_ended_session_is_401_and_clears_the_cookie()
    {
        using var client = new ApiClient(api);
        await client.SignInAsync("agent@demo.local");
        var spent = client.RefreshCookie!.Value;
        Assert.Equal(HttpStatusCode.NoContent, (await client.Http.PostAsync("/api/auth/logout", null)).StatusCode);

        using var replay = new ApiClient(api);
        replay.Cookies.Add(api.ServerAddress, new Cookie(RefreshCookie.Name, spent, RefreshCookie.Path));
        var response = await replay.Http.PostAsync("/api/auth/refresh", null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Null(replay.RefreshCookie);
    }

    [Fact]
    public async Task Logout_revokes_the_session_and_clears_the_cookie()
    {
        using var client = new ApiClient(api);
        await client.SignInAsync("agent@demo.local");
        var cookieBefore = client.RefreshCookie!.Value;

        var logout = await client.Http.PostAsync("/api/auth/logout", null);

        Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        Assert.Null(client.RefreshCookie);
        using var replay = new ApiClient(api);
        replay.Cookies.Add(api.ServerAddress, new Cookie(RefreshCookie.Name, cookieBefore, RefreshCookie.Path));
        Assert.Equal(HttpStatusCode.Unauthorized, (await replay.Http.PostAsync("/api/auth/refresh", null)).StatusCode);
    }

    [Fact]
    public async Task Logout_with_only_the_cookie_still_ends_the_session()
    {
        using var client = new ApiClient(api);
        await client.SignInAsync("agent@demo.local");
        var cookieBefore = client.RefreshCookie!.Value;
        client.UseToken(null);

        Assert.Equal(HttpStatusCode.NoContent, (await client.Http.PostAsync("/api/auth/logout", null)).StatusCode);

        using var replay = new ApiClient(api);
        replay.Cookies.Add(api.ServerAddress, new Cookie(RefreshCookie.Name, cookieBefore, RefreshCookie.Path));
        Assert.Equal(HttpStatusCode.Unauthorized, (await replay.Http.PostAsync("/api/auth/refresh", null)).StatusCode);
    }

    /// <summary>The refresh token a response sets, or null when it sets none (a deletion has an empty value).</summary>
    internal static string? RefreshCookieSetBy(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values)
            ? values.Where(value => value.StartsWith(RefreshCookie.Name + "=", StringComparison.Ordinal))
                .Select(value => value[(RefreshCookie.Name.Length + 1)..].Split(';')[0])
                .FirstOrDefault(value => value.Length > 0)
            : null;

    internal static async Task<AgentLocator.Grains.Data.Entities.AuthSession> SessionOfAsync(AgentLocatorApiFactory api, string refreshToken)
    {
        await using var db = api.CreateDbContext();
        var hash = RefreshTokenChain.Hash(refreshToken);
        return await db.AuthSessions.IgnoreQueryFilters().SingleAsync(s => s.CurrentTokenHash == hash);
    }
}
