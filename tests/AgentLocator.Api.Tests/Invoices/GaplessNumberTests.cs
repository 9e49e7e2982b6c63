using AgentLocator.Api.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AgentLocator.Api.Tests.Invoices;

/// <summary>Two API instances (two hosts, two Orleans clusters) on one database, issuing at once.</summary>
public sealed class TwoInstancesFixture : IAsyncLifetime
{
    public AgentLocatorApiFactory First { get; } = new();
    public AgentLocatorApiFactory Second { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await First.InitializeAsync();
        Second = new AgentLocatorApiFactory().OnDatabase(First.DatabaseName);
        await Second.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await ((IAsyncLifetime)Second).DisposeAsync();
        await ((IAsyncLifetime)First).DisposeAsync();
    }
}

public sealed class GaplessNumberTests(TwoInstancesFixture instances) : IClassFixture<TwoInstancesFixture>
{
    [Fact]
    public async Task Two_hundred_concurrent_issues_on_one_instance_get_two_hundred_consecutive_numbers()
    {
        var numbers = await IssueConcurrentlyAsync([instances.First], 200);

        Assert.Equal(Enumerable.Range(1, 200), numbers);
    }

    [Fact]
    public async Task Two_hundred_concurrent_issues_across_two_instances_get_two_hundred_consecutive_numbers()
    {
        var numbers = await IssueConcurrentlyAsync([instances.First, instances.Second], 200);

        Assert.Equal(Enumerable.Range(1, 200), numbers);
    }

    /// <summary>Drafts made first, then every issue sent at once, alternating instances; answers the numbers, sorted.</summary>
    private static async Task<List<int>> IssueConcurrentlyAsync(AgentLocatorApiFactory[] hosts, int count)
    {
        var billing = await hosts[0].BillingBusinessAsync();
        var clients = new List<ApiClient> { billing };
        foreach (var host in hosts.Skip(1))
        {
            var other = new ApiClient(host);
            other.Http.DefaultRequestHeaders.Authorization = billing.Http.DefaultRequestHeaders.Authorization;
            clients.Add(other);
        }
        var customer = await billing.CreateCustomerAsync(new { name = "לקוח עומס" });
        var drafts = new List<Guid>();
        foreach (var chunk in Enumerable.Range(0, count).Chunk(20))
        {
            drafts.AddRange((await Task.WhenAll(chunk.Select(_ => billing.DraftAsync(InvoiceApiExtensions.Invoice(customer.Id, 1_000))))).Select(d => d.Id));
        }

        var issued = await Task.WhenAll(drafts.Select((id, i) => clients[i % clients.Count].IssueAsync(id)));

        await using (var db = hosts[0].CreateDbContext())
        {
            var stored = await db.TaxDocuments.IgnoreQueryFilters().Where(d => drafts.Contains(d.Id)).Select(d => d.Number!.Value).ToListAsync();
            Assert.Equal(issued.Select(d => d.Number!.Value).Order(), stored.Order());
        }
        foreach (var client in clients)
        {
            client.Dispose();
        }
        return [.. issued.Select(d => d.Number!.Value).Order()];
    }
}
