using System.Net;
using System.Net.Http.Json;
using AgentLocator.Api.Tests.Infrastructure;

namespace AgentLocator.Api.Tests.Tenancy;

[Collection(ApiCollection.Name)]
public sealed class CrmTenancyTests(AgentLocatorApiFactory api)
{
    [Fact]
    public async Task Every_crm_route_with_another_business_ids_is_404_and_changes_nothing()
    {
        using var demo = new ApiClient(api);
        await demo.SignInAsync("admin@demo.local");
        var phone = CustomerApiExtensions.NextMobile();
        var theirs = await demo.CreateCustomerAsync(new { name = "של הדגמה", phone, email = "private@demo.test" });
        await demo.Http.PostAsJsonAsync($"/api/crm/customers/{theirs.Id}/notes", new { text = "סודי" });
        using var other = new ApiClient(api);
        await other.SignInAsync("admin@other.local");

        var responses = new Dictionary<string, HttpResponseMessage>
        {
            ["GET"] = await other.Http.GetAsync($"/api/crm/customers/{theirs.Id}"),
            ["GET deleted"] = await other.Http.GetAsync($"/api/crm/customers/{theirs.Id}?includeDeleted=true"),
            ["PATCH"] = await other.Http.PatchAsJsonAsync($"/api/crm/customers/{theirs.Id}", new { name = "נגנב" }),
            ["DELETE"] = await other.Http.DeleteAsync($"/api/crm/customers/{theirs.Id}"),
            ["restore"] = await other.Http.PostAsync($"/api/crm/customers/{theirs.Id}/restore", null),
            ["notes"] = await other.Http.GetAsync($"/api/crm/customers/{theirs.Id}/notes"),
            ["add note"] = await other.Http.PostAsJsonAsync($"/api/crm/customers/{theirs.Id}/notes", new { text = "x" }),
        };

        foreach (var (route, response) in responses)
        {
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{route}: {response.StatusCode}");
            Assert.DoesNotContain("private@demo.test", await response.Content.ReadAsStringAsync());
        }
        Assert.Empty((await other.ListCustomersAsync("q=" + Uri.EscapeDataString(phone))).Items);
        Assert.Empty((await other.ListCustomersAsync("q=private")).Items);
        Assert.DoesNotContain("private@demo.test", await other.Http.GetStringAsync("/api/crm/customers/export.csv?columns=email"));

        var unchanged = await demo.Http.GetFromJsonAsync<AgentLocator.Api.Customers.CustomerResponse>($"/api/crm/customers/{theirs.Id}", System.Text.Json.JsonSerializerOptions.Web);
        Assert.Equal("של הדגמה", unchanged!.Name);
        Assert.Null(unchanged.DeletedAt);
    }

    [Fact]
    public async Task The_same_phone_may_belong_to_customers_of_two_businesses()
    {
        using var demo = new ApiClient(api);
        await demo.SignInAsync("admin@demo.local");
        using var other = new ApiClient(api);
        await other.SignInAsync("admin@other.local");
        var phone = CustomerApiExtensions.NextMobile();

        var mine = await demo.CreateCustomerAsync(new { name = "א", phone });
        var theirs = await other.CreateCustomerAsync(new { name = "ב", phone });

        Assert.NotEqual(mine.Id, theirs.Id);
    }
}
