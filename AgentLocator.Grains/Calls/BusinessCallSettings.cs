using AgentLocator.Grains.Data;
using Microsoft.EntityFrameworkCore;

namespace AgentLocator.Grains.Calls;

/// <summary>The one reading of a business's answering settings, by the dialled number or by id.</summary>
internal static class BusinessCallSettings
{
    /// <summary>
    /// By the dialled number, with whether the business is suspended, in one round trip; businesses carry no tenant
    /// filter, so this works across tenants. Compiled: it runs on every incoming call.
    /// </summary>
    public static Task<NumberOwner?> FindByNumberAsync(AgentLocatorDbContext db, string to) => ByNumber(db, to);

    private static readonly Func<AgentLocatorDbContext, string, Task<NumberOwner?>> ByNumber = EF.CompileAsyncQuery(
        (AgentLocatorDbContext db, string to) => db.Businesses.Where(b => b.TwilioNumber == to)
            .Select(b => new NumberOwner(
                new BusinessSettings(b.Id, b.Name, b.GreetingText, b.GreetingAudioKey, b.ReplyPrompt, b.FallbackMessage, b.DefaultAgentId, b.HoldClipKey, b.HoldClipSeconds),
                b.SuspendedAt != null))
            .FirstOrDefault());

    /// <summary>By id, for a call whose business is already known (the row must exist).</summary>
    public static Task<BusinessSettings> FindAsync(AgentLocatorDbContext db, Guid businessId) =>
        db.Businesses.Where(b => b.Id == businessId)
            .Select(b => new BusinessSettings(b.Id, b.Name, b.GreetingText, b.GreetingAudioKey, b.ReplyPrompt, b.FallbackMessage, b.DefaultAgentId, b.HoldClipKey, b.HoldClipSeconds))
            .SingleAsync();
}

/// <summary>The business a dialled number belongs to, and whether the operator has suspended it.</summary>
internal sealed record NumberOwner(BusinessSettings Settings, bool Suspended);
