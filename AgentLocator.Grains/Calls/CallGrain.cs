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
    CallerLeads callers,
    IOptions<CallPipelineOptions> options,
    ICallChangeNotifier notifier,
    ILogger<CallGrain> logger) : Grain, ICallGrain
{
    private string CallSid => this.GetPrimaryKeyString();

    /// <summary>The first answer, replayed to retries of the incoming-call webhook without touching the database.</summary>
    private CallStart? started;

    /// <summary>The call's business once known, so callbacks open a context for the right tenant directly.</summary>
    private Guid? businessId;

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
        // Businesses carry no tenant filter: the dialled number is what tells us the tenant. The lookup's connection
        // goes back to the pool before the call's own is taken, so a call never holds two.
        NumberOwner? owner;
        await using (var lookup = contexts.AcrossTenants())
        {
            owner = await BusinessCallSettings.FindByNumberAsync(lookup, to.E164);
        }
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
        var business = owner.Settings;
        businessId = business.Id;
        settings = business;
        started = await StartForBusinessAsync(business, incoming, to.E164);
        return started;
    }

    private async Task<CallStart> StartForBusinessAsync(BusinessSettings settings, IncomingCall incoming, string to)
    {
        var business = settings.Id;
        await using var db = contexts.For(business);
        // One pooled connection for the caller's lookup and the call's write (EF would take one per statement).
        await db.Database.OpenConnectionAsync();
        // No read of an existing row first: a retry after this grain was deactivated (or ran on another silo) is rare,
        // and the unique CallSid index turns it into the stored row's answer below, so a first call saves a round trip.

        // A withheld caller (anonymous, its keypad number, a client: or sip: identity) is nobody's customer: never
        // matched, never a lead. Their message still reaches an agent, as a task without a customer.
        var from = !CallerId.IsWithheld(incoming.From) && Phones.TryNormalize(incoming.From, out var caller) ? caller.E164 : null;
        var (customerId, customerName, newLead) = from is null ? CallerMatch.None : await callers.FindOrCreateAsync(db, business, from, CallSid);

        var now = Now();
        var call = new Call
        {
            Id = Guid.CreateVersion7(), BusinessId = business, CallSid = CallSid,
            From = from ?? Truncate(incoming.From, 32)!, To = to, CustomerId = customerId,
            Status = CallStatus.InProgress, Direction = Truncate(incoming.Direction, 16)!,
            StartedAt = now, CreatedAt = now, UpdatedAt = now,
        };
        db.Calls.Add(call);
        CallTimelineEvents.Started(db, call);
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException error) when (error.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: CallConfiguration.UniqueCallSidIndex })
        {
            // A retry after deactivation, or two silos briefly both hosting this grain: the stored row is the call.
            db.ChangeTracker.Clear();
            var winner = await db.Calls.SingleAsync(c => c.CallSid == CallSid);
            var known = winner.CustomerId is { } id
                ? await db.Customers.Where(c => c.Id == id).Select(c => c.Name).FirstOrDefaultAsync()
                : null;
            return Answer(winner, settings, known, newLead: false);
        }

        AgentLocatorTelemetry.CallsAnswered.Add(1, new KeyValuePair<string, object?>("caller", newLead ? "new-lead" : customerId is null ? "withheld" : "known"));
        if (customerId is { } counted)
        {
            // Counted when the row is first written, which happens once per call; a status callback may never come.
            await ReportActivityAsync(business, counted, now);
        }
        await NotifyAsync(call.Id);
        return Answer(call, settings, customerName, newLead);
    }

    private async Task ReportActivityAsync(Guid business, Guid customerId, DateTimeOffset at)
    {
        try
        {
            await grains.GetGrain<ICustomerGrain>(customerId).RecordActivity(business, new CustomerActivity(at, CallsDelta: 1));
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            // The call is stored; a counter one short is better than a caller left waiting on an error.
            logger.LogWarning(error, "Could not count call {CallSid} on customer {CustomerId}", CallSid, customerId);
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
