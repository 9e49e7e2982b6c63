using AgentLocator.Grains.Data;
using AgentLocator.Grains.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace AgentLocator.Grains.WhatsApp;

/// <summary>
/// The one way a message's status changes: a single conditional UPDATE that moves it only to a later status, so
/// concurrent or reordered callbacks (a late "delivered" after "read") and the send's own answer cannot move it back.
/// </summary>
internal static class WhatsAppStatusWrites
{
    /// <returns>True when the status moved.</returns>
    public static async Task<bool> AdvanceAsync(TenantDbContextFactory contexts, Guid businessId, Guid messageId, string? messageSid,
        WhatsAppStatus status, int? errorCode, DateTimeOffset now, string? explanation = null)
    {
        var earlier = Enum.GetValues<WhatsAppStatus>().Where(s => s.Rank() < status.Rank()).ToList();
        await using var db = contexts.For(businessId);
        var rows = db.WhatsAppMessages.Where(m => m.Id == messageId && earlier.Contains(m.Status));
        var changed = status.IsFailure()
            ? await rows.ExecuteUpdateAsync(set => set
                .SetProperty(m => m.Status, status)
                .SetProperty(m => m.MessageSid, m => m.MessageSid ?? messageSid)
                .SetProperty(m => m.ErrorCode, errorCode)
                .SetProperty(m => m.ErrorMessage, explanation ?? WhatsAppErrors.Explain(errorCode))
                .SetProperty(m => m.UpdatedAt, now))
            : await rows.ExecuteUpdateAsync(set => set
                .SetProperty(m => m.Status, status)
                .SetProperty(m => m.MessageSid, m => m.MessageSid ?? messageSid)
                .SetProperty(m => m.UpdatedAt, now));
        return changed > 0;
    }

    /// <summary>Notes the MessageSid Twilio gave a send, unless a status callback that came first already did.</summary>
    public static async Task SetSidAsync(TenantDbContextFactory contexts, Guid businessId, Guid messageId, string messageSid, DateTimeOffset now)
    {
        await using var db = contexts.For(businessId);
        await db.WhatsAppMessages.Where(m => m.Id == messageId && m.MessageSid == null)
            .ExecuteUpdateAsync(set => set.SetProperty(m => m.MessageSid, messageSid).SetProperty(m => m.UpdatedAt, now));
    }
}
