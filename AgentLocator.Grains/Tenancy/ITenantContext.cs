namespace AgentLocator.Grains.Tenancy;

/// <summary>
/// The business the current request acts for. Every business-owned table is filtered by it, so a query
/// that forgets a <c>where</c> still cannot see another tenant's rows.
/// </summary>
public interface ITenantContext
{
    /// <summary>The caller's business, or null outside an authenticated request (then nothing business-owned is visible).</summary>
    Guid? BusinessId { get; }
}

/// <summary>For code that runs outside a request (seeding, start-up jobs) on behalf of one known business.</summary>
public sealed class FixedTenantContext(Guid? businessId) : ITenantContext
{
    public Guid? BusinessId { get; } = businessId;
}
