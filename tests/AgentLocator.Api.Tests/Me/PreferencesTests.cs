using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AgentLocator.Api.Tests.Infrastructure;
using AgentLocator.Grains.Data;

namespace AgentLocator.Api.Tests.Me;

[Collection(ApiCollection.Name)]
public sealed class PreferencesTests(AgentLocatorApiFactory api)
{
    [Fact]
    public async Task A_saved_preference_reads_back_for_its_user_only()
    {
        var user = await api.CreateUserAsync(DevelopmentSeed.DemoBusinessName);
        var colleague = await api.CreateUserAsync(DevelopmentSeed.DemoBusinessName);
        using var client = new ApiClient(api);
        await client.SignInAsync(user.Email);
        using var other = new ApiClient(api);
        await other.SignInAsync(colleague.Email);

        var unset = await client.Http.GetFromJsonAsync<JsonElement>("/api/me/preferences/customers-grid");
        var put = await client.Http.PutAsJsonAsync("/api/me/preferences/customers-grid", new { value = new { hiddenColumns = new[] { "email" }, limit = 50 } });
        var read = await client.Http.GetFromJsonAsync<JsonElement>("/api/me/preferences/customers-grid");
        var colleagues = await other.Http.GetFromJsonAsync<JsonElement>("/api/me/preferences/customers-grid");

        Assert.Equal(JsonValueKind.Null, unset.GetProperty("value").ValueKind);
        Assert.Equal(HttpStatusCode.NoContent, put.StatusCode);
        Assert.Equal(50, read.GetProperty("value").GetProperty("limit").GetInt32());
        Assert.Equal("email", read.GetProperty("value").GetProperty("hiddenColumns")[0].GetString());
        Assert.Equal(JsonValueKind.Null, colleagues.GetProperty("value").ValueKind);
    }

    [Fact]
    public async Task Bad_keys_and_oversized_values_are_400()
    {
        using var client = new ApiClient(api);
        await client.SignInAsync("agent@demo.local");

        Assert.Equal(HttpStatusCode.BadRequest, (await client.Http.GetAsync("/api/me/preferences/Bad_Key")).StatusCode);
        var huge = await client.Http.PutAsJsonAsync("/api/me/preferences/big", new { value = new string('x', 20_000) });
        Assert.Equal(HttpStatusCode.BadRequest, huge.StatusCode);
    }
}
