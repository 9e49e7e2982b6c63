using AgentLocator.Api.Integrations.TaxAuthority;
using AgentLocator.Grains.Data;
using Microsoft.AspNetCore.DataProtection;

// In the hosting namespace, like the other modules' wiring.
namespace Microsoft.Extensions.Hosting;

public static class TaxAuthorityServiceExtensions
{
    /// <summary>
    /// The Tax Authority's allocation numbers: options (<c>TaxAuthority</c>), the tokens and client, the attempts and their
    /// background retry. Data Protection's key ring goes to Postgres, so every instance reads the tokens another stored.
    /// </summary>
    public static IHostApplicationBuilder AddTaxAuthority(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<TaxAuthorityOptions>().Bind(builder.Configuration.GetSection(TaxAuthorityOptions.Section));
        services.AddDataProtection().SetApplicationName("AgentLocator").PersistKeysToDbContext<AgentLocatorDbContext>();
        // Our own timeout per request; no automatic retry, since an approval request is not idempotent on our side.
#pragma warning disable EXTEXP0001 // RemoveAllResilienceHandlers is marked experimental.
        services.AddHttpClient(TaxAuthorityTokens.HttpClientName, http => http.Timeout = Timeout.InfiniteTimeSpan).RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001
        services.AddSingleton<TaxAuthorityTokens>();
        services.AddSingleton<IAllocationNumbers, TaxAuthorityClient>();
        services.AddSingleton<AllocationAttempts>();
        services.AddHostedService<AllocationRetrier>();
        return builder;
    }
}
