using System.Net.Http.Json;
using System.Text.Json;
using AgentLocator.Api.Account;
using AgentLocator.Api.Infrastructure.Auth;
using AgentLocator.Api.Operator;
using AgentLocator.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AgentLocator.Api.Tests.Accounts;

/// <summary>The operator's and invitees' side of the account tests, over real HTTP.</summary>
public static class AccountsTestSupport
{
    public const string StrongPassword = "Kfar-Saba-Sunset-77";

    public static HttpClient OperatorClient(this AgentLocatorApiFactory api)
    {
        var client = new HttpClient { BaseAddress = api.ServerAddress };
        client.DefaultRequestHeaders.Add(OperatorAccess.KeyHeader, api.Services.GetRequiredService<IConfiguration>()[OperatorAccess.KeySetting]);
        return client;
    }

    /// <summary>A business created the operator's way, and its first admin's invitation token.</summary>
    public static async Task<(CreatedBusinessResponse Created, string Token)> OperatorCreatesBusinessAsync(this AgentLocatorApiFactory api,
        string plan = "full", string? adminEmail = null)
    {
        using var operatorClient = api.OperatorClient();
        var response = await operatorClient.PostAsJsonAsync("/api/operator/businesses", new
        {
            name = "עסק חדש " + Guid.NewGuid().ToString("N")[..6],
            plan,
            timeZone = "Asia/Jerusalem",
            adminEmail = adminEmail ?? $"owner-{Guid.NewGuid():N}@test.local",
        });
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var created = (await response.Content.ReadFromJsonAsync<CreatedBusinessResponse>(JsonSerializerOptions.Web))!;
        return (created, TokenOf(created.InvitationUrl));
    }

    public static string TokenOf(string url) => url[(url.LastIndexOf('/') + 1)..];

    public static Task<HttpResponseMessage> AcceptAsync(this ApiClient client, string token, object body) =>
        client.Http.PostAsJsonAsync($"/api/account-links/{token}", body);

    /// <summary>Uses an invitation with a good password and returns the browser, signed in with the answer's token.</summary>
    public static async Task<(ApiClient Client, AuthResponse Auth)> AcceptedAsync(this AgentLocatorApiFactory api, string token, string displayName = "מוזמנת",
        string? email = null)
    {
        var client = new ApiClient(api);
        var response = await client.AcceptAsync(token, new { displayName, password = StrongPassword, email });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        var auth = (await response.Content.ReadFromJsonAsync<AuthResponse>(JsonSerializerOptions.Web))!;
        client.UseToken(auth.AccessToken);
        return (client, auth);
    }

    public static async Task<string> InviteAsync(this ApiClient admin, object invitation)
    {
        var response = await admin.Http.PostAsJsonAsync("/api/admin/invitations", invitation);
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return TokenOf(body.GetProperty("url").GetString()!);
    }

    /// <summary>An open hub connection for the token, and a task that completes when the server closes it.</summary>
    public static async Task<(HubConnection Hub, Task<string?> SessionEnded, Task Closed)> ConnectHubAsync(this AgentLocatorApiFactory api, string accessToken)
    {
        var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(api.ServerAddress, "/ws"), options =>
            {
                options.Transports = HttpTransportType.WebSockets;
                options.SkipNegotiation = true;
                options.AccessTokenProvider = () => Task.FromResult<string?>(accessToken);
            })
            .Build();
        var ended = new TaskCompletionSource<string?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        hub.On<JsonElement>("session:ended", message => ended.TrySetResult(message.GetProperty("reason").GetString()));
        hub.Closed += _ =>
        {
            closed.TrySetResult();
            return Task.CompletedTask;
        };
        await hub.StartAsync();
        Assert.NotEmpty(await hub.InvokeAsync<string>("Ping"));
        return (hub, ended.Task, closed.Task);
    }

    /// <summary>Generous: it only stops a broken test from hanging, it does not measure anything.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
}
