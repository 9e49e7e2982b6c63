using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AgentLocator.Api.Infrastructure.Hosting;

/// <summary>
/// Readiness of this silo's cluster membership. Postgres and Redis are checked by their Aspire client integrations
/// (checks named after the DbContext and "StackExchange.Redis").
/// </summary>
public static class SiloHealthChecks
{
    public const string Name = "orleans-silo";

    public static IHealthChecksBuilder AddSiloHealthCheck(this IHealthChecksBuilder checks) =>
        checks.AddCheck<SiloHealthCheck>(Name, timeout: TimeSpan.FromSeconds(5));
}

internal sealed class SiloHealthCheck(IClusterMembershipService membership, ILocalSiloDetails localSilo) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var snapshot = membership.CurrentSnapshot;
        var status = snapshot.GetSiloStatus(localSilo.SiloAddress);
        var active = snapshot.Members.Values.Count(member => member.Status == SiloStatus.Active);
        return Task.FromResult(status == SiloStatus.Active
            ? HealthCheckResult.Healthy($"Silo is active; {active} active silo(s) in the cluster.")
            : HealthCheckResult.Unhealthy($"Silo is {status}, not active."));
    }
}
