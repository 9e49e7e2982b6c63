using System.Net.Http.Json;
using System.Text.Json;
using AgentLocator.Api.Customers;
using AgentLocator.Api.Tests.Infrastructure;
using AgentLocator.Grains.Data;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace AgentLocator.Api.Tests.Realtime;

[Collection(ApiCollection.Name)]
public sealed class CustomerUpdatesTests(AgentLocatorApiFactory api)
{
    private HubConnection Connect(string token) => new HubConnectionBuilder()
        .WithUrl(new Uri(api.ServerAddress, "/ws"), options =>
        {
            options.Transports = HttpTransportType.WebSockets;
            options.SkipNegotiation = true;
            options.AccessTokenProvider = () => Task.FromResult<string?>(token);
        })
        .Build();

    [Fact]
    public async Task A_watched_customer_page_gets_customer_updated_when_someone_edits_it()
    {
        using var editor = new ApiClient(api);
        await editor.SignInAsync("admin@demo.local");
        using var watcher = new ApiClient(api);
        var auth = await watcher.SignInAsync("agent@demo.local");
        var customer = await editor.CreateCustomerAsync(new { name = "נצפה" });
        await using var connection = Connect(auth.AccessToken);
        var updated = new TaskCompletionSource<CustomerResponse>(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.On<JsonElement>("customer:updated", body => updated.TrySetResult(body.Deserialize<CustomerResponse>(JsonSerializerOptions.Web)!));
        await connection.StartAsync();

        Assert.True(await connection.InvokeAsync<bool>("WatchCustomer", customer.Id));
        await editor.Http.PatchAsJsonAsync($"/api/crm/customers/{customer.Id}", new { city = "נהריה" });

        var pushed = await updated.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal("נהריה", pushed.City);
    }

    [Fact]
    public async Task Watching_another_business_customer_is_refused()
    {
        using var demo = new ApiClient(api);
        await demo.SignInAsync("admin@demo.local");
        var customer = await demo.CreateCustomerAsync(new { name = "פרטי" });
        using var other = new ApiClient(api);
        var auth = await other.SignInAsync("admin@other.local");
        await using var connection = Connect(auth.AccessToken);
        await connection.StartAsync();

        Assert.False(await connection.InvokeAsync<bool>("WatchCustomer", customer.Id));
    }

    [Fact]
    public async Task Hub_methods_of_a_disabled_feature_are_refused_with_the_feature_named()
    {
        var user = await api.CreateUserAsync(DevelopmentSeed.DemoBusinessName, featureLimits: [AgentLocator.Grains.Features.Feature.Calls]);
        using var client = new ApiClient(api);
        var auth = await client.SignInAsync(user.Email);
        await using var connection = Connect(auth.AccessToken);
        await connection.StartAsync();

        var error = await Assert.ThrowsAsync<HubException>(() => connection.InvokeAsync<bool>("WatchCustomer", Guid.NewGuid()));

        Assert.Contains("feature-disabled", error.Message);
        Assert.Contains("'crm'", error.Message);
        Assert.Equal(auth.User.Id.ToString(), await connection.InvokeAsync<string>("Ping"));
    }
}
