using AgentLocator.Api.Infrastructure.Hosting;
using AgentLocator.Api.Invoices;
using AgentLocator.Grains.Invoices;
using Microsoft.AspNetCore.RateLimiting;

// In the hosting namespace, like the other modules' wiring, so ApplicationServiceExtensions needs only the call.
namespace Microsoft.Extensions.Hosting;

public static class InvoicesServiceExtensions
{
    /// <summary>
    /// Tax documents: the writer (per request), the allocation-number thresholds (<c>Invoices:AllocationThresholds</c>, a
    /// list of {effectiveFrom, amountAgorot}; the Authority's published steps by default), PDF output, and the public
    /// link's rate limit (<c>Invoices:PublicLinkOpensPerMinute</c>, default 30 per address).
    /// </summary>
    public static IHostApplicationBuilder AddInvoices(this IHostApplicationBuilder builder)
    {
        var thresholds = builder.Configuration.GetSection("Invoices:AllocationThresholds").Get<List<AllocationThreshold>>();
        builder.Services.AddSingleton(thresholds is { Count: > 0 } configured ? new AllocationRule(configured) : AllocationRule.Default);
        builder.Services.AddScoped<TaxDocumentWriter>();
        builder.Services.AddScoped<TaxDocumentRelease>();
        builder.AddTaxAuthority();
        builder.Services.AddSingleton<DocumentOutput>();
        var opensPerMinute = builder.Configuration.GetValue("Invoices:PublicLinkOpensPerMinute", 30);
        builder.Services.AddRateLimiter(limiter => limiter.AddPolicy(PublicDocumentLinks.RateLimitPolicy, new PerAddressRateLimit(opensPerMinute, "Too many document links opened from this address.")));
        return builder;
    }
}
