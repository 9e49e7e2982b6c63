using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AgentLocator.Api.Customers;

namespace AgentLocator.Api.Tests.Infrastructure;

public static class CustomerApiExtensions
{
    public static async Task<CustomerResponse> CreateCustomerAsync(this ApiClient client, object body)
    {
        var response = await client.Http.PostAsJsonAsync("/api/crm/customers", body);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<CustomerResponse>(JsonSerializerOptions.Web))!;
    }

    public static async Task<PagedResponse<CustomerResponse>> ListCustomersAsync(this ApiClient client, string query)
    {
        var response = await client.Http.GetAsync("/api/crm/customers?" + query);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<PagedResponse<CustomerResponse>>(JsonSerializerOptions.Web))!;
    }

    public static async Task<JsonElement> ProblemAsync(this HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static int mobileSequence = 1_000_000;

    /// <summary>A possible Israeli mobile number no other test in this run uses.</summary>
    public static string NextMobile() => $"+97252{Interlocked.Increment(ref mobileSequence):D7}";
}
