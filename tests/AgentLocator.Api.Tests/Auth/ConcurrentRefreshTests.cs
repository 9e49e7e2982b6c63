using System.Net;
using AgentLocator.Api.Account;
using AgentLocator.Api.Tests.Infrastructure;

namespace AgentLocator.Api.Tests.Auth;

/// <summary>
/// On the shared stack with the default 30-second reuse grace: the duplicates must arrive inside the grace, which a
/// few seconds' grace cannot promise on a machine busy with the whole suite.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class ConcurrentRefreshTests(AgentLocatorApiFactory api)
{
    [Fact]
    public async Task Concurrent_refreshes_rotate_once_and_all_set_the_same_cookie_which_still_refreshes()
    {
        using var client = new ApiClient(api);
        await client.SignInAsync("agent@demo.local");
        var signedInCookie = client.RefreshCookie!.Value;

        // One browser, several refreshes at once: every request carries the same cookie.
        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => client.Http.PostAsync("/api/auth/refresh", null)));

        Assert.All(responses, response => Assert.Equal(HttpStatusCode.OK, response.StatusCode));
        var setCookies = responses.Select(SessionTests.RefreshCookieSetBy).ToList();
        Assert.All(setCookies, Assert.NotNull);
        var stored = Assert.Single(setCookies.Distinct());
        Assert.NotEqual(signedInCookie, stored);
        Assert.Equal(stored, client.RefreshCookie!.Value);
        Assert.Equal(RefreshTokenChain.Hash(signedInCookie), (await SessionTests.SessionOfAsync(api, stored!)).PreviousTokenHash);

        var next = await client.Http.PostAsync("/api/auth/refresh", null);
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
        Assert.NotEqual(stored, SessionTests.RefreshCookieSetBy(next));
    }
}
