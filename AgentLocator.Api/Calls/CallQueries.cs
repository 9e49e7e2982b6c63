using System.Globalization;
using System.Linq.Expressions;
using System.Text.Json;
using AgentLocator.Grains.Calls.Pipeline;
using AgentLocator.Grains.Customers;
using AgentLocator.Grains.Data;
using AgentLocator.Grains.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace AgentLocator.Api.Calls;

/// <summary>Reads of the call log: Postgres directly (writes go through each call's grain).</summary>
public static class CallQueries
{
    public const string WithheldNumber = "מספר חסוי";

    /// <summary>A call row as the list shows it; the customer is looked up in the same query.</summary>
    public static IQueryable<CallListItem> ListItems(AgentLocatorDbContext db, IQueryable<Call> calls) =>
        calls.Select(c => new CallRow(
                c.Id, c.From,
                db.Customers.Where(x => x.Id == c.CustomerId).Select(x => new CallCustomer(x.Id, x.Name, x.Phone)).FirstOrDefault(),
                c.Status, c.Disposition, c.StartedAt, c.EndedAt, c.DurationSeconds, c.TurnCount, c.Summary, c.Intent,
                db.CallTurns.Any(t => t.CallId == c.Id && t.RecordingKey != null)))
            .Select(ToListItem);

    private sealed record CallRow(
        Guid Id, string From, CallCustomer? Customer, string Status, string Disposition, DateTimeOffset StartedAt,
        DateTimeOffset? EndedAt, int? DurationSeconds, int TurnCount, string? Summary, string? Intent, bool HasRecording);

    private static readonly Expression<Func<CallRow, CallListItem>> ToListItem = r => new CallListItem(
        r.Id, r.From, DisplayNumber(r.From), r.Customer, r.Status, r.Disposition, r.StartedAt, r.EndedAt,
        r.DurationSeconds, r.TurnCount, r.Summary, r.Intent, r.HasRecording);

    public static string DisplayNumber(string from) =>
        Phones.TryNormalize(from, out var phone) ? phone.Display : string.IsNullOrWhiteSpace(from) || !from.Any(char.IsDigit) ? WithheldNumber : from;

    public static async Task<CallDetailResponse?> DetailAsync(AgentLocatorDbContext db, Guid id, bool transcriptionConfigured, CancellationToken cancellationToken)
    {
        var call = await db.Calls.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (call is null)
        {
            return null;
        }
        var customer = call.CustomerId is { } customerId
            ? await db.Customers.AsNoTracking().Where(c => c.Id == customerId).Select(c => new CallCustomer(c.Id, c.Name, c.Phone)).SingleOrDefaultAsync(cancellationToken)
            : null;
        var task = call.FollowUpTaskId is { } taskId
            ? await db.Tasks.AsNoTracking().Where(t => t.Id == taskId && t.DeletedAt == null)
                .Select(t => new CallTask(t.Id, t.Title, t.DueAt, t.CompletedAt != null)).SingleOrDefaultAsync(cancellationToken)
            : null;
        var turns = await db.CallTurns.AsNoTracking().Where(t => t.CallId == id).OrderBy(t => t.Number).ToListAsync(cancellationToken);
        return new CallDetailResponse(
            call.Id, call.CallSid, call.From, DisplayNumber(call.From), call.To, customer, call.Status, call.Disposition,
            call.StartedAt, call.EndedAt, call.DurationSeconds, call.Summary, call.Intent, Lead(call.LeadJson), transcriptionConfigured, task,
            [.. turns.Select(t => new CallTurnResponse(
                t.Number, t.State, t.Transcript, t.Reply, t.SpokenAs, t.RecordingSeconds,
                t.RecordingKey is null ? null : RecordingPath(call.Id, t.Number),
                [.. StageTiming.Deserialize(t.StagesJson).Select(s => new CallStageTiming(s.Stage, s.Outcome, s.Milliseconds, s.Detail))]))]);
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
