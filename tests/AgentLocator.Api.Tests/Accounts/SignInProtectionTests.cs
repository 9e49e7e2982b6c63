using System.Net;
using System.Net.Http.Json;
using AgentLocator.Api.Account;
using AgentLocator.Api.Infrastructure.Auth;
using AgentLocator.Api.Tests.Infrastructure;
using AgentLocator.Grains.Data;

namespace AgentLocator.Api.Tests.Accounts;

/// <summary>Lockout counts per address whether or not an account has it, so neither the answer nor the lockout reveals which emails exist.</summary>
[Collection(ApiCollection.Name)]
public sealed class SignInProtectionTests(AgentLocatorApiFactory api)
{
    private static async Task<(HttpStatusCode Status, string? Title)> TryAsync(ApiClient client, string email, string password)
    {
        var response = await client.Http.PostAsJsonAsync("/api/auth/login", new { email, password });
        return (response.StatusCode, (await response.ProblemAsync()).GetProperty("title").GetString());
    }

    [Fact]
    public async Task Known_and_unknown_emails_get_the_same_answers_and_the_same_lockout()
    {
        var known = (await api.CreateUserAsync(DevelopmentSeed.DemoBusinessName)).Email;
        var unknown = $"nobody-{Guid.NewGuid():N}@test.local";
        using var client = new ApiClient(api);

        for (var attempt = 1; attempt <= new AuthOptions().MaxFailedSignIns; attempt++)
        {
            Assert.Equal(await TryAsync(client, known, "wrong-password"), await TryAsync(client, unknown, "wrong-password"));
        }
        var lockedKnown = await client.Http.PostAsJsonAsync("/api/auth/login", new { email = known, password = DevelopmentSeed.DemoPassword });
        var lockedUnknown = await client.Http.PostAsJsonAsync("/api/auth/login", new { email = unknown, password = "anything-at-all" });

        Assert.Equal(HttpStatusCode.TooManyRequests, lockedKnown.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, lockedUnknown.StatusCode);
        var problem = await lockedKnown.ProblemAsync();
        Assert.Equal(AuthApi.LockedOutProblemType, problem.GetProperty("type").GetString());
        Assert.Equal("יותר מדי ניסיונות כניסה שגויים.", problem.GetProperty("title").GetString());
        Assert.Equal(problem.GetProperty("title").GetString(), (await lockedUnknown.ProblemAsync()).GetProperty("title").GetString());
        Assert.True(lockedUnknown.Headers.RetryAfter?.Delta > TimeSpan.Zero);
    }
}

/// <summary>The per-address limiter, on a stack of its own with a small limit: a 429 problem in Hebrew, never a 500.</summary>
public sealed class SignInRateLimitTests : IClassFixture<SignInRateLimitTests.LimitedApi>
{
    public sealed class LimitedApi : AgentLocatorApiFactory
    {
        public override Task InitializeAsync()
        {
            WithSetting("Auth:SignInAttemptsPerMinutePerAddress", "3");
            return base.InitializeAsync();
        }
    }

    private readonly LimitedApi api;

    public SignInRateLimitTests(LimitedApi api) => this.api = api;

    [Fact]
    public async Task Attempts_over_the_per_address_limit_are_429_problem_json()
    {
        using var client = new ApiClient(api);
        HttpResponseMessage? last = null;
        for (var attempt = 0; attempt < 5; attempt++)
        {
            last = await client.Http.PostAsJsonAsync("/api/auth/login", new { email = $"x{attempt}@test.local", password = "whatever-it-is" });
        }
        Assert.Equal(HttpStatusCode.TooManyRequests, last!.StatusCode);
        Assert.Equal("application/problem+json", last.Content.Headers.ContentType?.MediaType);
        Assert.Equal("יותר מדי ניסיונות כניסה מכתובת זו.", (await last.ProblemAsync()).GetProperty("title").GetString());
    }
}
