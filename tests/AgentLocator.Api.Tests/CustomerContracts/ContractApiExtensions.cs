using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AgentLocator.Api.Contracts;
using AgentLocator.Api.Tests.Infrastructure;

namespace AgentLocator.Api.Tests.CustomerContracts;

/// <summary>A business of its own signed in as its admin, a template, a customer: what the contracts tests start from.</summary>
public static class ContractApiExtensions
{
    public const string ServiceBody =
        "<h2>הסכם שירות</h2><p>הסכם זה נערך ביום {{today}} בין {{business.name}} לבין {{customer.name}}, טלפון {{customer.phone}}.</p>" +
        "<p>השירות: {{fields.service}}, בסך {{fields.price}} ש\"ח לחודש.</p>";

    public static readonly object[] ServiceFields =
    [
        new { key = "service", label = "השירות", required = true },
        new { key = "price", label = "מחיר חודשי", required = false },
    ];

    public static async Task<ApiClient> ContractsBusinessAsync(this AgentLocatorApiFactory api)
    {
        var (_, admin) = await api.CreateBusinessAsync();
        var client = new ApiClient(api);
        await client.SignInAsync(admin.Email);
        return client;
    }

    public static async Task<ContractTemplateResponse> CreateTemplateAsync(this ApiClient client, string name = "הסכם שירות", string body = ServiceBody,
        object[]? fields = null)
    {
        var response = await client.Http.PostAsJsonAsync("/api/contract-templates", new { name, bodyHtml = body, fields = fields ?? ServiceFields });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<ContractTemplateResponse>(JsonSerializerOptions.Web))!;
    }

    public static async Task<ContractResponse> CreateContractAsync(this ApiClient client, Guid customerId, object body)
    {
        var response = await client.Http.PostAsJsonAsync($"/api/customers/{customerId}/contracts", body);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<ContractResponse>(JsonSerializerOptions.Web))!;
    }

    public static async Task<byte[]> ContractPdfAsync(this ApiClient client, Guid id)
    {
        var response = await client.Http.GetAsync($"/api/contracts/{id}/pdf");
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsByteArrayAsync();
    }
}
