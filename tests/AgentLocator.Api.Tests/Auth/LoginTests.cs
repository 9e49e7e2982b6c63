using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AgentLocator.Api.Account;
using AgentLocator.Api.Infrastructure.Auth;
using AgentLocator.Api.Tests.Infrastructure;
using AgentLocator.Grains.Data;

namespace AgentLocator.Api.Tests.Auth;

[Collection(ApiCollection.Name)]
public sealed class LoginTests(AgentLocatorApiFactory api)
{
    [Fact]
    public async Task Demo_agent_signs_in_and_gets_a_token_a_user_and_an_http_only_refresh_cookie()
    {
        using var client = new ApiClient(api);

        var response = await client.Http.PostAsJsonAsync("/api/auth/login", new { email = "Agent@Demo.Local ", password = DevelopmentSeed.DemoPassword });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<AuthResponse>(JsonSerializerOptions.Web);
        Assert.NotNull(body);
        Assert.Equal("agent@demo.local", body.User.Email);
        Assert.Equal("agent", body.User.Role);
        Assert.Equal("סוכן הדגמה", body.User.DisplayName);
        Assert.Equal(3, body.AccessToken.Split('.').Length);
        Assert.InRange(body.ExpiresAt, DateTimeOffset.UtcNow.AddMinutes(1), DateTimeOffset.UtcNow.AddHours(1));

        var setCookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), value => value.StartsWith(RefreshCookie.Name + "="));
        Assert.Contains("httponly", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/api/auth", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", setCookie, StringComparison.OrdinalIgnoreCase);

        // The readable marker that lets the web app skip a pointless refresh on a first visit holds no secret.
        var marker = Assert.Single(response.Headers.GetValues("Set-Cookie"), value => value.StartsWith(RefreshCookie.SessionMarkerName + "="));
        Assert.StartsWith(RefreshCookie.SessionMarkerName + "=1;", marker);
        Assert.DoesNotContain("httponly", marker, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("agent@demo.local", "wrong-password")]
    [InlineData("nobody@demo.local", DevelopmentSeed.DemoPassword)]
    public async Task Wrong_credentials_answer_401_problem_json_without_saying_which_part_was_wrong(string email, string password)
    {
        using var client = new ApiClient(api);

        var response = await client.Http.PostAsJsonAsync("/api/auth/login", new { email, password });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(401, problem.GetProperty("status").GetInt32());
        Assert.Equal("Wrong email or password.", problem.GetProperty("title").GetString());
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task Missing_fields_answer_400_naming_each_field()
    {
        using var client = new ApiClient(api);

        var response = await client.Http.PostAsJsonAsync("/api/auth/login", new { email = "not-an-email" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("email", out _));
        Assert.True(errors.TryGetProperty("password", out _));
    }

    [Fact]
    public async Task Malformed_json_is_a_400_problem_not_a_500()
    {
        using var client = new ApiClient(api);

        var response = await client.Http.PostAsync("/api/auth/login", new StringContent("{\"email\":", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Repeated_failures_lock_the_account_with_429_and_retry_after_even_for_the_right_password()
    {
        var user = await api.CreateUserAsync(DevelopmentSeed.DemoBusinessName);
        using var client = new ApiClient(api);

        for (var attempt = 1; attempt <= new AuthOptions().MaxFailedSignIns; attempt++)
        {
            var failed = await client.Http.PostAsJsonAsync("/api/auth/login", new { email = user.Email, password = "wrong" });
            Assert.Equal(HttpStatusCode.Unauthorized, failed.StatusCode);
        }
        var locked = await client.Http.PostAsJsonAsync("/api/auth/login", new { email = user.Email, password = DevelopmentSeed.DemoPassword });

        Assert.Equal(HttpStatusCode.TooManyRequests, locked.StatusCode);
        Assert.Equal("application/problem+json", locked.Content.Headers.ContentType?.MediaType);
        Assert.True(locked.Headers.RetryAfter?.Delta > TimeSpan.Zero);
    }

    [Fact]
    public async Task A_successful_sign_in_clears_earlier_failures()
    {
        var user = await api.CreateUserAsync(DevelopmentSeed.DemoBusinessName);
        using var client = new ApiClient(api);

        for (var round = 0; round < 2; round++)
        {
            for (var attempt = 1; attempt < new AuthOptions().MaxFailedSignIns; attempt++)
            {
                await client.Http.PostAsJsonAsync("/api/auth/login", new { email = user.Email, password = "wrong" });
            }
            var ok = await client.Http.PostAsJsonAsync("/api/auth/login", new { email = user.Email, password = DevelopmentSeed.DemoPassword });
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }
    }
}
