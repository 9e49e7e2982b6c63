using AgentLocator.Grains.Abstractions;
using AgentLocator.Grains.Data;

namespace AgentLocator.Grains.Calls;

/// <summary>
/// Answers "whose number is this, and how does it answer" from memory (one activation per number in the cluster, so
/// one forget reaches every caller). Filled by one compiled query; dropped by <see cref="Forget"/> from every writer of
/// the number, the call settings, the greeting and hold audio and the suspension (through the business grain's reload,
/// which the operator's command line reaches over Redis), and after <see cref="Lifetime"/> whatever happened.
/// </summary>
public sealed class BusinessNumberGrain(TenantDbContextFactory contexts, TimeProvider clock) : Grain, IBusinessNumberGrain
{
    /// <summary>How long an answer is trusted without a forget: the bound on a change written past the grains (by hand, in SQL).</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);

    private BusinessNumberOwner? owner;
    private DateTimeOffset readAt;

    public async Task<BusinessNumberOwner?> Find()
    {
        if (owner is not null && clock.GetUtcNow() - readAt < Lifetime)
        {
            return owner;
        }
        owner = null;
        var readingAt = clock.GetUtcNow();
        // Businesses carry no tenant filter: the dialled number is what tells us the tenant.
        await using var db = contexts.AcrossTenants();
        var found = await BusinessCallSettings.FindByNumberAsync(db, this.GetPrimaryKeyString());
        if (found is not null)
        {
            // An unknown number is not remembered: it may be given to a business before Twilio's retry.
            (owner, readAt) = (found, readingAt);
        }
        return found;
    }

    public Task Forget()
    {
        owner = null;
        return Task.CompletedTask;
    }
}
