using AgentLocator.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace AgentLocator.Api.Tests.Realtime;

[Collection(ApiCollection.Name)]
public sealed class AgentHubTests(AgentLocatorApiFactory api)
{
    [Fact]
    public async Task Hub_at_ws_accepts_the_access_token_in_the_query_string_over_websockets()
    {
        using var client = new ApiClient(api);
        var auth = await client.SignInAsync("agent@demo.local");
        await using var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(api.ServerAddress, "/ws"), options =>
            {
                options.Transports = HttpTransportType.WebSockets;
                options.SkipNegotiation = true;
                options.AccessTokenProvider = () => Task.FromResult<string?>(auth.AccessToken);
            })
            .Build();

        await connection.StartAsync();
        var userId = await connection.InvokeAsync<string>("Ping");

        Assert.Equal(auth.User.Id.ToString(), userId);
    }

    [Fact]
    public async Task Hub_refuses_a_connection_without_a_token()
    {
        await using var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(api.ServerAddress, "/ws"), options => options.Transports = HttpTransportType.WebSockets)
            .Build();

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => connection.StartAsync());
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, error.StatusCode);
    }
}
