using AgentLocator.Api.Integrations.Twilio;
using AgentLocator.Grains.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace AgentLocator.Api.WhatsApp;

/// <summary>
/// The templates a business may send: the Twilio account's own (its Content API), or, when the account lists none (or
/// sending is not configured), the ones an admin configured for the business. Kept for a minute per business, since the
/// composer asks whenever the window is closed and every template send is checked against the list; an admin's change
/// forgets this instance's copy at once.
/// </summary>
public sealed class WhatsAppTemplateCatalog(TwilioContentTemplates twilio, TenantDbContextFactory contexts, IMemoryCache cache,
    ILogger<WhatsAppTemplateCatalog> logger)
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromMinutes(1);

    public async Task<WhatsAppTemplateList> ForBusinessAsync(Guid businessId, CancellationToken cancellationToken)
    {
        if (cache.TryGetValue(Key(businessId), out WhatsAppTemplateList? known) && known is not null)
        {
            return known;
        }
        var list = await LoadAsync(businessId, cancellationToken);
        if (list is not null)
        {
            cache.Set(Key(businessId), list, CacheFor);
            return list;
        }
        // Twilio could not answer: the configured ones for now, asked again next time.
        return new WhatsAppTemplateList(await ConfiguredAsync(businessId, cancellationToken), WhatsAppTemplates.FromBusiness);
    }

    public void Forget(Guid businessId) => cache.Remove(Key(businessId));

    private async Task<WhatsAppTemplateList?> LoadAsync(Guid businessId, CancellationToken cancellationToken)
    {
        if (twilio.IsConfigured)
        {
            try
            {
                var account = await twilio.ListAsync(cancellationToken);
                if (account.Count > 0)
                {
                    return new WhatsAppTemplateList(account, WhatsAppTemplates.FromTwilio);
                }
            }
            catch (WhatsAppTemplatesUnavailableException unavailable)
            {
                logger.LogWarning("The WhatsApp templates could not be listed from Twilio: {Reason}", unavailable.Message);
                return null;
            }
        }
        return new WhatsAppTemplateList(await ConfiguredAsync(businessId, cancellationToken), WhatsAppTemplates.FromBusiness);
    }

    private async Task<IReadOnlyList<WhatsAppTemplate>> ConfiguredAsync(Guid businessId, CancellationToken cancellationToken)
    {
        await using var db = contexts.For(businessId);
        var json = await db.Businesses.Where(b => b.Id == businessId).Select(b => b.WhatsAppTemplatesJson).FirstOrDefaultAsync(cancellationToken);
        return WhatsAppTemplates.Parse(json);
    }

    private static string Key(Guid businessId) => $"whatsapp-templates:{businessId:N}";
}
