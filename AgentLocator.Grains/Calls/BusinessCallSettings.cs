using AgentLocator.Grains.Abstractions;
using AgentLocator.Grains.Data;
using Microsoft.EntityFrameworkCore;

namespace AgentLocator.Grains.Calls;

/// <summary>The one reading of a business's answering settings, by the dialled number or by id.</summary>
internal static class BusinessCallSettings
{
    /// <summary>
    /// By the dialled number, with whether the business is suspended, in one round trip; businesses carry no tenant
    /// filter, so this works across tenants. Compiled: it runs whenever the number's grain (re)loads.
    /// </summary>
    public static Task<BusinessNumberOwner?> FindByNumberAsync(AgentLocatorDbContext db, string to) => ByNumber(db, to);

    private static readonly Func<AgentLocatorDbContext, string, Task<BusinessNumberOwner?>> ByNumber = EF.CompileAsyncQuery(
        (AgentLocatorDbContext db, string to) => db.Businesses.Where(b => b.TwilioNumber == to)
            .Select(b => new BusinessNumberOwner(b.Id, b.Name, b.GreetingText, b.GreetingAudioKey, b.ReplyPrompt, b.FallbackMessage,
                b.DefaultAgentId, b.HoldClipKey, b.HoldClipSeconds, b.SuspendedAt != null))
            .FirstOrDefault());

    /// <summary>The answering settings as the call grain keeps them.</summary>
    public static BusinessSettings ToSettings(this BusinessNumberOwner owner) =>
        new(owner.BusinessId, owner.Name, owner.GreetingText, owner.GreetingAudioKey, owner.ReplyPrompt, owner.FallbackMessage,
            owner.DefaultAgentId, owner.HoldClipKey, owner.HoldClipSeconds);

    /// <summary>By id, for a call whose business is already known (the row must exist).</summary>
    public static Task<BusinessSettings> FindAsync(AgentLocatorDbContext db, Guid businessId) =>
        db.Businesses.Where(b => b.Id == businessId)
            .Select(b => new BusinessSettings(b.Id, b.Name, b.GreetingText, b.GreetingAudioKey, b.ReplyPrompt, b.FallbackMessage, b.DefaultAgentId, b.HoldClipKey, b.HoldClipSeconds))
            .SingleAsync();
}
