using System.Text.Json;
using AgentLocator.Grains.Abstractions;
using AgentLocator.Grains.Calls;
using AgentLocator.Grains.Customers;
using AgentLocator.Grains.Data;
using AgentLocator.Grains.Data.Configurations;
using AgentLocator.Grains.Data.Entities;
using AgentLocator.Grains.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace AgentLocator.Grains.WhatsApp;

/// <summary>
/// The writer of one message as Twilio knows it (keyed by MessageSid): stores an inbound message once, with its
/// timeline event in the same transaction, and moves an outbound message's status forward only.
/// </summary>
public sealed class WhatsAppMessageGrain(
    TenantDbContextFactory contexts,
    CallerLeads senders,
    TimeProvider clock,
    IWhatsAppChangeNotifier notifier,
    PushOutbox pushes,
    ILogger<WhatsAppMessageGrain> logger) : Grain, IWhatsAppMessageGrain
{
    public const int MaxMedia = 10;

    private string MessageSid => this.GetPrimaryKeyString();

    /// <summary>The first answer, replayed to Twilio's retries without touching the database.</summary>
    private InboundWhatsAppResult? received;

    public async Task<InboundWhatsAppResult> Receive(InboundWhatsApp message)
    {
        if (received is not null)
        {
            return received with { Outcome = InboundWhatsAppOutcome.Duplicate };
        }
        if (!WhatsAppAddresses.TryNumber(message.To, out var to))
        {
            return new InboundWhatsAppResult(InboundWhatsAppOutcome.UnknownNumber);
        }
        if (!WhatsAppAddresses.TryNumber(message.From, out var from) || CallerId.IsWithheld(from))
        {
            return new InboundWhatsAppResult(InboundWhatsAppOutcome.UnknownSender);
        }
        Guid? businessId;
        // Businesses carry no tenant filter: the sender number Twilio posted to is what tells us the tenant.
        await using (var lookup = contexts.AcrossTenants())
        {
            businessId = await lookup.Businesses.Where(b => b.WhatsAppNumber == to).Select(b => (Guid?)b.Id).FirstOrDefaultAsync();
        }
        if (businessId is not { } business)
        {
            // Not cached: the number may be given to a business before Twilio's retry.
            return new InboundWhatsAppResult(InboundWhatsAppOutcome.UnknownNumber);
        }
        received = await StoreAsync(business, message, from, to);
        return received;
    }

    private async Task<InboundWhatsAppResult> StoreAsync(Guid business, InboundWhatsApp message, string from, string to)
    {
        await using var db = contexts.For(business);
        var existing = await db.WhatsAppMessages.Where(m => m.MessageSid == MessageSid)
            .Select(m => new { m.Id, m.CustomerId }).FirstOrDefaultAsync();
        if (existing is not null)
        {
            // A retry after this grain was deactivated (or ran on another silo).
            return new InboundWhatsAppResult(InboundWhatsAppOutcome.Duplicate, existing.Id, business, existing.CustomerId);
        }

        var profileName = Truncate(message.ProfileName?.Trim(), 200);
        var leadName = string.IsNullOrEmpty(profileName) ? CallGreetings.NewCallerName(from) : profileName;
        var (customerId, _, newLead) = await senders.FindOrCreateAsync(db, business, from, MessageSid, leadName, ChangeOrigin.ByWhatsApp(from));

        var media = message.Media.Take(MaxMedia).Where(m => Uri.TryCreate(m.Url, UriKind.Absolute, out _))
            .Select(m => new WhatsAppMedia(Truncate(m.Url, 2048)!, Truncate(m.ContentType, 100))).ToList();
        var now = StoredTime.Now(clock);
        var row = new WhatsAppMessage
        {
            Id = Guid.CreateVersion7(), BusinessId = business, CustomerId = customerId, Direction = WhatsAppDirection.Inbound,
            MessageSid = MessageSid, From = from, To = to,
            // A quick-reply button's press carries its text; show that when there is no body of its own.
            Body = Truncate(string.IsNullOrEmpty(message.Body) ? message.ButtonText : message.Body, 4096),
            ProfileName = profileName, MediaJson = JsonSerializer.Serialize(media, JsonSerializerOptions.Web),
            Status = WhatsAppStatus.Received, RepliedToMessageSid = Truncate(message.RepliedToMessageSid, 64),
            ButtonPayload = Truncate(message.ButtonPayload, 256), CreatedAt = now, UpdatedAt = now,
        };
        db.WhatsAppMessages.Add(row);
        WhatsAppTimelineEvents.Added(db, row, media.Count, profileName ?? from);
        if (media.Count > 0)
        {
            // The copy from Twilio is a row beside the message, so a restart before it is done leaves it for the next copier.
            db.WhatsAppMediaJobs.Add(new WhatsAppMediaJob { Id = Guid.CreateVersion7(), BusinessId = business, MessageId = row.Id, NextAttemptAt = now, CreatedAt = now });
        }
        var recipient = customerId is null ? null : await WhatsAppPushes.RecipientAsync(db, GrainFactory, business);
        var pushed = 0;
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            await db.SaveChangesAsync();
            if (recipient is { } user)
            {
                pushed = await pushes.RecordAsync(db, business, user, WhatsAppPushes.NewMessage(row, profileName ?? from, media.Count));
            }
            await transaction.CommitAsync();
        }
        catch (DbUpdateException error) when (error.InnerException is PostgresException
                                              { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: WhatsAppMessageConfiguration.UniqueMessageSidIndex })
        {
            // Only possible when two silos briefly both hosted this grain; the other one's row is the message.
            db.ChangeTracker.Clear();
            var winner = await db.WhatsAppMessages.Where(m => m.MessageSid == MessageSid).Select(m => new { m.Id, m.CustomerId }).SingleAsync();
            return new InboundWhatsAppResult(InboundWhatsAppOutcome.Duplicate, winner.Id, business, winner.CustomerId);
        }
        if (pushed > 0)
        {
            pushes.Wake();
        }
        notifier.MessageChanged(new WhatsAppChange(business, customerId, row.Id, WhatsAppDirection.Inbound, IsNew: true));
        logger.LogInformation("WhatsApp message {MessageSid} stored as {MessageId} ({MediaCount} media)", MessageSid, row.Id, media.Count);
        return new InboundWhatsAppResult(InboundWhatsAppOutcome.Stored, row.Id, business, customerId, newLead);
    }

    public async Task<bool> RecordStatus(WhatsAppStatusUpdate update)
    {
        if (WhatsAppStatuses.FromTwilio(update.Status) is not { } status || status == WhatsAppStatus.Received)
        {
            // A word we do not track changes nothing, but the message may well be ours.
            return true;
        }
        await using var lookup = contexts.AcrossTenants();
        // The status callback's URL carries our message id, so a callback that beats the send's answer (which brings
        // the MessageSid) still finds its message. The row names its business; no other tenant's row is read.
        var sid = MessageSid;
        var target = await lookup.WhatsAppMessages.IgnoreQueryFilters()
            .Where(m => m.Direction == WhatsAppDirection.Outbound
                        && (m.MessageSid == sid || (update.MessageId != null && m.Id == update.MessageId && m.MessageSid == null)))
            .Select(m => new { m.Id, m.BusinessId, m.CustomerId }).FirstOrDefaultAsync();
        if (target is null)
        {
            return false;
        }
        var moved = await WhatsAppStatusWrites.AdvanceAsync(contexts, target.BusinessId, target.Id, sid, status, update.ErrorCode, StoredTime.Now(clock));
        if (moved)
        {
            notifier.MessageChanged(new WhatsAppChange(target.BusinessId, target.CustomerId, target.Id, WhatsAppDirection.Outbound, IsNew: false));
        }
        return true;
    }

    private static string? Truncate(string? value, int length) => value is null || value.Length <= length ? value : value[..length];
}
