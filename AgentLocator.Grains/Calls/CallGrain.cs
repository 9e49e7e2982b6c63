using AgentLocator.Grains.Abstractions;
using AgentLocator.Grains.Calls.Pipeline;
using AgentLocator.Grains.Customers;
using AgentLocator.Grains.Data;
using AgentLocator.Grains.Data.Configurations;
using AgentLocator.Grains.Data.Entities;
using AgentLocator.Grains.Telemetry;
using AgentLocator.Grains.Timeline;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace AgentLocator.Grains.Calls;

/// <summary>
/// The single writer of one call row (keyed by CallSid). Being one activation per CallSid, it turns Twilio's
/// retried webhooks into no-ops instead of duplicate rows, customers or counts.
/// </summary>
public sealed partial class CallGrain(
    TenantDbContextFactory contexts,
    IGrainFactory grains,
    TimeProvider clock,
    CallTurnPipeline pipeline,
    TurnPipelineQueue queue,
    ICustomerChangeNotifier customers,
    IOptions<CallPipelineOptions> options,
    ICallChangeNotifier notifier,
    ILogger<CallGrain> logger) : Grain, ICallGrain
{
    private string CallSid => this.GetPrimaryKeyString();

    /// <summary>The first answer, replayed to retries of the incoming-call webhook without touching the database.</summary>
    private CallStart? started;

    /// <summary>The call's business once known, so callbacks open a context for the right tenant directly.</summary>
    private Guid? businessId;
    private Guid? callRowId;

    /// <summary>The business's answering settings, read once per activation (a call lasts minutes).</summary>
    private BusinessSettings? settings;

    private DateTimeOffset Now() => StoredTime.Now(clock);

    public async Task<CallStart> Start(IncomingCall incoming)
    {
        if (started is not null)
        {
            return started;
        }
        if (!Phones.TryNormalize(incoming.To, out var to))
        {
            return CallStart.UnknownNumber;
        }
        // From the number's grain: the business and its greeting are in memory after the first call to the number.
        var owner = await grains.GetGrain<IBusinessNumberGrain>(to.E164).Find();
        if (owner is null)
        {
            // Not cached: the number may be given to a business before Twilio's retry.
            return CallStart.UnknownNumber;
        }
        if (owner.Suspended)
        {
            // Not cached either: the operator may resume the business before the next call.
            return CallStart.Suspended;
        }
        var business = owner.ToSettings();
        businessId = business.Id;
        settings = business;
        started = await StartForBusinessAsync(business, incoming, to.E164);
        return started;
    }

    /// <summary>
    /// Writes the call row, its timeline event and the caller's side (the call counted on the known customer, or a new
    /// lead with its own event) in one transaction on one pooled connection: a known caller costs three round trips
    /// (the count, the batched inserts, the commit), a new one the same.
    /// </summary>
    private async Task<CallStart> StartForBusinessAsync(BusinessSettings settings, IncomingCall incoming, string to)
    {
        var business = settings.Id;
        await using var db = contexts.For(business);
        // The transaction is ours; EF's savepoint before SaveChanges would be one more round trip for nothing to keep.
        db.Database.AutoSavepointsEnabled = false;
        await db.Database.OpenConnectionAsync();
        // No read of an existing row first: a retry after this grain was deactivated (or ran on another silo) is rare,
        // and the unique CallSid index turns it into the stored row's answer below, so a first call saves a round trip.

        // A withheld caller (anonymous, its keypad number, a client: or sip: identity) is nobody's customer: never
        // matched, never a lead. Their message still reaches an agent, as a task without a customer.
        var from = !CallerId.IsWithheld(incoming.From) && Phones.TryNormalize(incoming.From, out var caller) ? caller.E164 : null;
        // A lead refused by the unique phone index means someone saved the number meanwhile: the next pass counts the call
        // on them. The last pass makes no lead, so a call is kept even if that keeps failing.
        for (var pass = 1; ; pass++)
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            var now = Now();
            var known = from is null ? null : await CallerRows.CountCallAsync(db, business, from, now);
            var lead = from is null || known is not null || pass == 3 ? null : CallerRows.AddLead(db, business, from, now);
            if (from is not null && known is null && lead is null)
            {
                logger.LogWarning("Could not create a lead for {CallSid}; the call is kept without a customer", CallSid);
            }
            var customer = known ?? lead;
            var call = new Call
            {
                Id = Guid.CreateVersion7(), BusinessId = business, CallSid = CallSid,
                From = from ?? Truncate(incoming.From, 32)!, To = to, CustomerId = customer?.Id,
                Status = CallStatus.InProgress, Direction = Truncate(incoming.Direction, 16)!,
                StartedAt = now, CreatedAt = now, UpdatedAt = now,
            };
            db.Calls.Add(call);
            CallTimelineEvents.Started(db, call);
            try
            {
                await db.SaveChangesAsync();
                await transaction.CommitAsync();
            }
            catch (DbUpdateException error) when (lead is not null && error.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: CustomerConfiguration.UniquePhoneIndex })
            {
                await transaction.RollbackAsync();
                db.ChangeTracker.Clear();
                continue;
            }
            catch (DbUpdateException error) when (error.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: CallConfiguration.UniqueCallSidIndex })
            {
                // A retry after deactivation, or two silos briefly both hosting this grain: the stored row is the call,
                // and this attempt's count or lead is rolled back with it.
                await transaction.RollbackAsync();
                db.ChangeTracker.Clear();
                var winner = await db.Calls.SingleAsync(c => c.CallSid == CallSid);
                var name = winner.CustomerId is { } id
                    ? await db.Customers.Where(c => c.Id == id).Select(c => c.Name).FirstOrDefaultAsync()
                    : null;
                return Answer(winner, settings, name, newLead: false);
            }

            AgentLocatorTelemetry.CallsAnswered.Add(1, new KeyValuePair<string, object?>("caller", lead is not null ? "new-lead" : customer is null ? "withheld" : "known"));
            await NotifyAsync(call.Id);
            if (customer is not null)
            {
                await NotifyCustomerAsync(customer);
            }
            return Answer(call, settings, customer?.Name, newLead: lead is not null);
        }
    }

    /// <summary>Pushes the counted or new customer to open customer pages, as the customer grain does after its writes.</summary>
    private async Task NotifyCustomerAsync(Customer customer)
    {
        try
        {
            await customers.CustomerChangedAsync(customer.ToSnapshot());
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            // The call is stored; a page that missed the push will show it on its next fetch.
            logger.LogWarning(error, "Could not push the change of customer {CustomerId}", customer.Id);
        }
    }

    private static CallStart Answer(Call call, BusinessSettings settings, string? customerName, bool newLead)
    {
        var spokenName = customerName is null || CallGreetings.IsPlaceholderName(customerName) ? null : customerName;
        return new CallStart(CallStartOutcome.Answered, call.Id, call.BusinessId, settings.Name, call.CustomerId,
            spokenName, newLead, CallGreetings.Greeting(settings.Name, spokenName, settings.GreetingText), settings.GreetingAudioKey);
    }

    public async Task<bool> RecordStatus(CallStatusUpdate update)
    {
        var status = CallStatusExtensions.FromTwilio(update.Status);
        var found = await ChangeAsync(call =>
        {
            if (status is not { } known)
            {
                return;
            }
            if (call.Status.IsFinal())
            {
                // Monotonic: the first final status stands. A late "in-progress", or a "canceled" after "completed"
                // (callbacks are not ordered), changes nothing but a duration not known yet.
                if (call.DurationSeconds is null && known.IsFinal() && update.DurationSeconds is >= 0 and var late)
                {
                    call.DurationSeconds = late;
                }
                return;
            }
            call.Status = known;
            if (known.IsFinal())
            {
                call.EndedAt ??= Now();
            }
            if (update.DurationSeconds is >= 0 and var duration)
            {
                call.DurationSeconds = duration;
            }
        });
        if (found && status?.IsFinal() == true)
        {
            // In the background: the summary and task can take seconds, and Twilio's callback must be answered now.
            _ = StartFinishing();
        }
        return found;
    }

    public Task<bool> RecordRecording(CallRecordingUpdate update) =>
        ChangeAsync(call =>
        {
            // Twilio may send "in-progress" after "completed" (callbacks are not ordered); a finished recording stays finished.
            if (call.RecordingStatus == "completed" && update.RecordingStatus != "completed")
            {
                return;
            }
            call.RecordingSid = Truncate(update.RecordingSid, 64) ?? call.RecordingSid;
            call.RecordingUrl = Truncate(update.RecordingUrl, 2048) ?? call.RecordingUrl;
            call.RecordingStatus = Truncate(update.RecordingStatus, 16) ?? call.RecordingStatus;
        });

    private async Task<bool> ChangeAsync(Action<Call> change)
    {
        if (!await EnsureBusinessIdAsync())
        {
            return false;
        }
        await using var db = contexts.For(businessId!.Value);
        var call = await db.Calls.SingleOrDefaultAsync(c => c.CallSid == CallSid);
        if (call is null)
        {
            return false;
        }
        change(call);
        if (db.ChangeTracker.HasChanges())
        {
            call.UpdatedAt = Now();
            // Status callbacks bring the duration (and may come after the after-call work): the event follows the row.
            await CallTimelineEvents.UpsertAsync(db, call, turns: null, call.UpdatedAt);
            await db.SaveChangesAsync();
            await NotifyAsync(call.Id);
        }
        return true;
    }

    /// <summary>Learns which tenant's context to work in when this activation did not see the call start.</summary>
    private async Task<bool> EnsureBusinessIdAsync()
    {
        if (businessId is null)
        {
            // Calls-only lookup across tenants: no business row is read with the filter off.
            await using var lookup = contexts.AcrossTenants();
            businessId = await lookup.Calls.IgnoreQueryFilters().Where(c => c.CallSid == CallSid)
                .Select(c => (Guid?)c.BusinessId).FirstOrDefaultAsync();
        }
        return businessId is not null;
    }

    private static string? Truncate(string? value, int length) => value is null || value.Length <= length ? value : value[..length];
}
