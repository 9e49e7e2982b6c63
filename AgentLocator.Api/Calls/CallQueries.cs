using System.Globalization;
using System.Text.Json;
using AgentLocator.Grains.Abstractions;
using AgentLocator.Grains.Calls.Pipeline;
using AgentLocator.Grains.Customers;
using AgentLocator.Grains.Data;
using AgentLocator.Grains.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace AgentLocator.Api.Calls;

/// <summary>Reads of the call log: Postgres directly (writes go through each call's grain).</summary>
public static class CallQueries
{
    /// <summary>
    /// A call row as the list shows it, in one statement: the customer by a single left join, the recording by one
    /// EXISTS. (A two-step projection made EF Core repeat both for every column, which grew with the customer count.)
    /// </summary>
    public static IQueryable<CallListItem> ListItems(AgentLocatorDbContext db, IQueryable<Call> calls) =>
        from c in calls
        join x in db.Customers on c.CustomerId equals x.Id into matches
        from customer in matches.DefaultIfEmpty()
        select new CallListItem(
            c.Id, c.From, DisplayNumber(c.From),
            customer == null ? null : new CustomerSummary(customer.Id, customer.Name, customer.Phone),
            c.Status, c.Disposition, c.StartedAt, c.EndedAt, c.DurationSeconds, c.TurnCount, c.Summary, c.Intent,
            db.CallTurns.Any(t => t.CallId == c.Id && t.RecordingKey != null));

    /// <summary>"מספר חסוי" for every withheld form Twilio sends (see <see cref="CallerId"/>), else the number as people read it.</summary>
    public static string DisplayNumber(string from) => CallerId.Display(from);

    public static async Task<CallDetailResponse?> DetailAsync(
        AgentLocatorDbContext db, Guid id, bool transcriptionConfigured, string transcriptionProvider, CancellationToken cancellationToken)
    {
        var call = await db.Calls.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (call is null)
        {
            return null;
        }
        var customer = call.CustomerId is { } customerId
            ? await db.Customers.AsNoTracking().Where(c => c.Id == customerId).Select(c => new CustomerSummary(c.Id, c.Name, c.Phone)).SingleOrDefaultAsync(cancellationToken)
            : null;
        var task = call.FollowUpTaskId is { } taskId
            ? await db.Tasks.AsNoTracking().Where(t => t.Id == taskId && t.DeletedAt == null)
                .Select(t => new CallTask(t.Id, t.Title, t.DueAt, t.CompletedAt != null)).SingleOrDefaultAsync(cancellationToken)
            : null;
        var turns = await db.CallTurns.AsNoTracking().Where(t => t.CallId == id).OrderBy(t => t.Number).ToListAsync(cancellationToken);
        return new CallDetailResponse(
            call.Id, call.CallSid, call.From, DisplayNumber(call.From), call.To, customer, call.Status, call.Disposition,
            call.StartedAt, call.EndedAt, call.DurationSeconds, call.Summary, call.Intent, Lead(call.LeadJson), transcriptionConfigured, transcriptionProvider, task,
            [.. turns.Select(t => Turn(call.Id, t))]);
    }

    private static CallTurnResponse Turn(Guid callId, CallTurn turn)
    {
        var stages = StageTiming.Deserialize(turn.StagesJson);
        return new CallTurnResponse(
            turn.Number, turn.State, turn.Transcript, turn.Reply, turn.SpokenAs, turn.RecordingSeconds,
            turn.RecordingKey is null ? null : RecordingPath(callId, turn.Number),
            stages.FirstOrDefault(s => s.Stage == StageTiming.TranscribeStage && s.Provider is not null)?.Provider,
            [.. stages.Select(s => new CallStageTiming(s.Stage, s.Outcome, s.Milliseconds, s.Detail, s.Provider))]);
    }

    public static string RecordingPath(Guid callId, int turn) =>
        string.Create(CultureInfo.InvariantCulture, $"/api/calls/{callId}/recording?turn={turn}");

    private static IReadOnlyDictionary<string, string>? Lead(string? json)
    {
        if (json is null)
        {
            return null;
        }
        try
        {
            return JsonSerializer.Deserialize<Dictionary<string, string>>(json);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
