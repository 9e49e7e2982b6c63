using AgentLocator.Grains.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace AgentLocator.Grains.Data;

/// <summary>
/// Grains act for one business per call, outside any HTTP request; each gets a context whose tenant filter is
/// that business, so a grain can no more see another tenant's rows than an endpoint can.
/// </summary>
public sealed class TenantDbContextFactory(DbContextOptions<AgentLocatorDbContext> options)
{
    public AgentLocatorDbContext For(Guid businessId) => new(options, new FixedTenantContext(businessId));

    /// <summary>
    /// A context that acts for no business: for what tells the tenant (a dialled number, a due alert) or spans them
    /// (start-up sweeps). Businesses carry no tenant filter; business-owned rows stay hidden unless a query says
    /// <c>IgnoreQueryFilters()</c> and then names the business itself.
    /// </summary>
    public AgentLocatorDbContext AcrossTenants() => For(Guid.Empty);
}
