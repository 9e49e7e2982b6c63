using AgentLocator.Grains.Data;
using Microsoft.EntityFrameworkCore;

namespace AgentLocator.Grains.Calls;

/// <summary>The one reading of a business's answering settings, by the dialled number or by id.</summary>
internal static class BusinessCallSettings
{
    /// <summary>By the dialled number; businesses carry no tenant filter, so this works across tenants.</summary>
    public static Task<BusinessSettings?> FindByNumberAsync(AgentLocatorDbContext db, string to) =>
        db.Businesses.Where(b => b.TwilioNumber == to)
            .Select(b => new BusinessSettings(b.Id, b.Name, b.GreetingText, b.GreetingAudioKey, b.ReplyPrompt, b.FallbackMessage, b.DefaultAgentId, b.HoldClipKey, b.HoldClipSeconds))
            .FirstOrDefaultAsync();

    /// <summary>By id, for a call whose business is already known (the row must exist).</summary>
    public static Task<BusinessSettings> FindAsync(AgentLocatorDbContext db, Guid businessId) =>
        db.Businesses.Where(b => b.Id == businessId)
            .Select(b => new BusinessSettings(b.Id, b.Name, b.GreetingText, b.GreetingAudioKey, b.ReplyPrompt, b.FallbackMessage, b.DefaultAgentId, b.HoldClipKey, b.HoldClipSeconds))
            .SingleAsync();
}
