using AgentLocator.Grains.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace AgentLocator.Grains.Data;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without starting the API.</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<AgentLocatorDbContext>
{
    public AgentLocatorDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<AgentLocatorDbContext>()
            .UseNpgsql("Host=127.0.0.1;Database=agentlocator_design")
            .UseSnakeCaseNamingConvention()
            .Options;
        return new AgentLocatorDbContext(options, new FixedTenantContext(null));
    }
}
