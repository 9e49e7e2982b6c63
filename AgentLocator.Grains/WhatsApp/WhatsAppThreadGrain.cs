using System.Text.Json;
using AgentLocator.Grains.Abstractions;
using AgentLocator.Grains.Data;
using AgentLocator.Grains.Data.Configurations;
using AgentLocator.Grains.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace AgentLocator.Grains.WhatsApp;

/// <summary>
/// The writer of what agents send to one customer (keyed by the customer's id). One send at a time per customer, so
/// the window check, the idempotency key and the row are consistent. The row (and its timeline event) is stored
/// before Twilio is called, so a crash mid-send leaves a queued message rather than a message sent and forgotten.
/// Twilio's POST is not retried automatically: a timeout may still have sent it, and the agent decides to retry.
/// </summary>
public sealed class WhatsAppThreadGrain(
    TenantDbContextFactory contexts,
    IWhatsAppSender sender,
    TimeProvider clock,
    IWhatsAppChangeNotifier notifier,
    ILogger<WhatsAppThreadGrain> logger) : Grain, IWhatsAppThreadGrain
{
    /// <summary>Twilio has 15 s to answer a send; past that the message is marked failed and may be retried.</summary>
    private static readonly TimeSpan SendBudget = TimeSpan.FromSeconds(15);

    private Guid CustomerId => this.GetPrimaryKey();

    public async Task<WhatsAppSendResult> Send(Guid businessId, OutboundWhatsApp message)
    {
        await using var db = contexts.For(businessId);
        if (message.IdempotencyKey is { } key)
        {
            var earlier = await db.WhatsAppMessages.AsNoTracking().Where(m => m.IdempotencyKey == key)
                .Select(m => new { m.Id, m.CustomerId, m.Body, m.TemplateId }).FirstOrDefaultAsync();
            if (earlier is not null)
            {
                return earlier.CustomerId == CustomerId && earlier.Body == message.Body && earlier.TemplateId == message.TemplateId
                    ? new WhatsAppSendResult(WhatsAppSendOutcome.Replayed, earlier.Id)
                    : new WhatsAppSendResult(WhatsAppSendOutcome.KeyReused, earlier.Id);
            }
        }
        var (problem, from, to) = await AddressesAsync(db, businessId, message.To);
        if (problem is not null)
        {
            return problem;
        }
        var now = StoredTime.Now(clock);
        if (message.TemplateId is null && await WindowProblemAsync(db, now, message.To is null ? null : to) is { } closed)
        {
            return closed;
        }
        var row = new WhatsAppMessage
        {
            Id = Guid.CreateVersion7(), BusinessId = businessId, CustomerId = CustomerId, Direction = WhatsAppDirection.Outbound,
            From = from!, To = to!, Body = message.Body, TemplateId = message.TemplateId,
            TemplateVariablesJson = message.Variables is { Count: > 0 } variables ? JsonSerializer.Serialize(variables) : null,
            Status = WhatsAppStatus.Queued, IdempotencyKey = message.IdempotencyKey,
            SentByUserId = message.UserId == Guid.Empty ? null : message.UserId,
            CreatedAt = now, UpdatedAt = now,
        };
        db.WhatsAppMessages.Add(row);
        var agentName = await db.Users.Where(u => u.Id == message.UserId).Select(u => u.DisplayName).FirstOrDefaultAsync();
        WhatsAppTimelineEvents.Added(db, row, 0, agentName);
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException error) when (error.InnerException is PostgresException
                                              { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: WhatsAppMessageConfiguration.UniqueIdempotencyKeyIndex })
        {
            // The same key used a moment ago for another customer of the business (this grain serializes only its own).
            return new WhatsAppSendResult(WhatsAppSendOutcome.KeyReused);
        }
        notifier.MessageChanged(new WhatsAppChange(businessId, CustomerId, row.Id, WhatsAppDirection.Outbound, IsNew: true));
        await HandToTwilioAsync(row, message.Variables);
        return new WhatsAppSendResult(WhatsAppSendOutcome.Sent, row.Id);
    }

    public async Task<WhatsAppSendResult> Retry(Guid businessId, Guid messageId, Guid userId)
    {
        await using var db = contexts.For(businessId);
        var row = await db.WhatsAppMessages.SingleOrDefaultAsync(m => m.Id == messageId && m.CustomerId == CustomerId
                                                                      && m.Direction == WhatsAppDirection.Outbound);
        if (row is null)
        {
            return new WhatsAppSendResult(WhatsAppSendOutcome.MessageNotFound);
        }
        if (!row.Status.IsFailure())
        {
            return new WhatsAppSendResult(WhatsAppSendOutcome.NotRetryable, row.Id);
        }
        // A message written to another number than the customer's (a signer's link) is sent again to that number.
        var (_, _, customerNumber) = await AddressesAsync(db, businessId, null);
        var otherNumber = row.To != customerNumber ? row.To : null;
        var (problem, from, to) = await AddressesAsync(db, businessId, otherNumber);
        if (problem is not null)
        {
            return problem with { MessageId = row.Id };
        }
        var now = StoredTime.Now(clock);
        if (row.TemplateId is null && await WindowProblemAsync(db, now, otherNumber is null ? null : to) is { } closed)
        {
            return closed with { MessageId = row.Id };
        }
        // A new attempt is a new Twilio message: the failed one's SID and error are let go.
        row.From = from!;
        row.To = to!;
        row.Status = WhatsAppStatus.Queued;
        row.MessageSid = null;
        row.ErrorCode = null;
        row.ErrorMessage = null;
        row.UpdatedAt = now;
        await db.SaveChangesAsync();
        logger.LogInformation("Retrying WhatsApp message {MessageId} for user {UserId}", row.Id, userId);
        notifier.MessageChanged(new WhatsAppChange(businessId, CustomerId, row.Id, WhatsAppDirection.Outbound, IsNew: false));
        var variables = row.TemplateVariablesJson is { } json ? JsonSerializer.Deserialize<Dictionary<string, string>>(json) : null;
        await HandToTwilioAsync(row, variables);
        return new WhatsAppSendResult(WhatsAppSendOutcome.Sent, row.Id);
    }

    /// <summary>The business's sender and the recipient: <paramref name="otherNumber"/> when given, else the customer's phone.</summary>
    private async Task<(WhatsAppSendResult? Problem, string? From, string? To)> AddressesAsync(AgentLocatorDbContext db, Guid businessId,
        string? otherNumber)
    {
        var customer = await db.Customers.Where(c => c.Id == CustomerId && c.DeletedAt == null).Select(c => new { c.Phone }).FirstOrDefaultAsync();
        if (customer is null)
        {
            return (new WhatsAppSendResult(WhatsAppSendOutcome.CustomerNotFound), null, null);
        }
        if (!WhatsAppAddresses.TryNumber(otherNumber ?? customer.Phone, out var to))
        {
            return (new WhatsAppSendResult(WhatsAppSendOutcome.NoPhone), null, null);
        }
        var from = await db.Businesses.Where(b => b.Id == businessId).Select(b => b.WhatsAppNumber).FirstOrDefaultAsync();
        return from is null ? (new WhatsAppSendResult(WhatsAppSendOutcome.NoSender), null, null) : (null, from, to);
    }

    /// <summary>Whether free text may go now: the customer wrote in the last 24 hours (or <paramref name="otherNumber"/> did, when given).</summary>
    private async Task<WhatsAppSendResult?> WindowProblemAsync(AgentLocatorDbContext db, DateTimeOffset now, string? otherNumber)
    {
        var inbound = db.WhatsAppMessages.Where(m => m.Direction == WhatsAppDirection.Inbound);
        var lastInbound = await (otherNumber is null ? inbound.Where(m => m.CustomerId == CustomerId) : inbound.Where(m => m.From == otherNumber))
            .MaxAsync(m => (DateTimeOffset?)m.CreatedAt);
        return WhatsAppWindow.IsOpen(lastInbound, now)
            ? null
            : new WhatsAppSendResult(WhatsAppSendOutcome.NeedsTemplate, WindowClosedAt: WhatsAppWindow.ClosesAt(lastInbound));
    }

    /// <summary>Sends the stored row; Twilio's answer (its SID, or its error code and our explanation) lands on the row.</summary>
    private async Task HandToTwilioAsync(WhatsAppMessage row, IReadOnlyDictionary<string, string>? variables)
    {
        var businessId = row.BusinessId;
        if (!sender.IsConfigured)
        {
            await FailAsync(row, null, WhatsAppErrors.NotConfigured);
            return;
        }
        try
        {
            using var budget = new CancellationTokenSource(SendBudget);
            var sent = await sender.SendAsync(new WhatsAppSend(row.From, row.To, row.Body, row.TemplateId, variables, row.Id), budget.Token);
            var now = StoredTime.Now(clock);
            await WhatsAppStatusWrites.SetSidAsync(contexts, businessId, row.Id, sent.MessageSid, now);
            if (WhatsAppStatuses.FromTwilio(sent.Status) is { } status and not WhatsAppStatus.Queued and not WhatsAppStatus.Received)
            {
                await WhatsAppStatusWrites.AdvanceAsync(contexts, businessId, row.Id, sent.MessageSid, status, null, now);
            }
            notifier.MessageChanged(new WhatsAppChange(businessId, CustomerId, row.Id, WhatsAppDirection.Outbound, IsNew: false));
        }
        catch (WhatsAppSendException refused)
        {
            logger.LogWarning("Twilio refused WhatsApp message {MessageId}: code {ErrorCode}", row.Id, refused.ErrorCode);
            await FailAsync(row, refused.ErrorCode, refused.ErrorCode is null ? WhatsAppErrors.Unreachable : null);
        }
        catch (OperationCanceledException)
        {
            logger.LogWarning("Twilio did not answer WhatsApp message {MessageId} in time", row.Id);
            await FailAsync(row, null, WhatsAppErrors.Unreachable);
        }
    }

    private async Task FailAsync(WhatsAppMessage row, int? errorCode, string? explanation)
    {
        await WhatsAppStatusWrites.AdvanceAsync(contexts, row.BusinessId, row.Id, null, WhatsAppStatus.Failed, errorCode, StoredTime.Now(clock), explanation);
        notifier.MessageChanged(new WhatsAppChange(row.BusinessId, CustomerId, row.Id, WhatsAppDirection.Outbound, IsNew: false));
    }
}
