using System.Net.Http.Json;
using System.Text.Json;
using AgentLocator.Api.Crm;
using AgentLocator.Api.Tests.Infrastructure;

namespace AgentLocator.Api.Tests.Crm;

/// <summary>Write once, read once: a customer edit is one grain call (read, write) and the answer comes from it.</summary>
[Collection(ApiCollection.Name)]
public sealed class CustomerWriteRoundTripTests(AgentLocatorApiFactory api)
{
    [Fact]
    public async Task An_edit_reads_once_writes_once_and_reads_nothing_after()
    {
        using var admin = new ApiClient(api);
        await admin.SignInAsync("admin@demo.local");
        var customer = await admin.CreateCustomerAsync(new { name = "ספירה" });

        CustomerResponse edited;
        IReadOnlyList<string> statements;
        using (var recording = api.DatabaseCommands.Record(customer.Id))
        {
            var response = await admin.Http.PatchAsJsonAsync($"/api/crm/customers/{customer.Id}", new { city = "עכו" });
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
            edited = (await response.Content.ReadFromJsonAsync<CustomerResponse>(JsonSerializerOptions.Web))!;
            statements = recording.Kinds;
        }

        Assert.True(statements.SequenceEqual(["SELECT", "UPDATE"]), string.Join(" | ", statements));
        Assert.Equal("עכו", edited.City);
    }
}
