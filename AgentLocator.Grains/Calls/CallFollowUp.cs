using System.Text.Json;
using AgentLocator.Grains.Abstractions;
using AgentLocator.Grains.Calls.Providers;
using AgentLocator.Grains.Customers;
using AgentLocator.Grains.Data.Entities;

namespace AgentLocator.Grains.Calls;

/// <summary>
/// The after-call wording: the summary request and how its answer lands on the call, and the follow-up task's
/// title, notes and due time. The grain decides when each is done and stores the result.
/// </summary>
/// <summary>One call a follow-up covers, with its turns.</summary>
public sealed record FollowUpCall(Call Call, IReadOnlyList<CallTurn> Turns);

public static class CallFollowUp
{
    /// <summary>The conversation as the summary model sees it (replies spoken as the fallback were not the model's).</summary>
    public static SummaryRequest SummaryRequest(string businessName, CallerContext caller, IEnumerable<CallTurn> turns) =>
        new(businessName, caller, turns.Where(t => !string.IsNullOrWhiteSpace(t.Transcript))
            .Select(t => new ConversationTurn(t.Transcript!, t.SpokenAs == SpokenAs.Fallback ? null : t.Reply)).ToList());

    /// <summary>Copies the model's answer onto the call, keeping only intents we know.</summary>
    public static void ApplySummary(Call call, CallSummary summary)
    {
        call.Summary = Truncate(summary.Summary.Trim(), 4000);
        call.Intent = CallIntents.All.Contains(summary.Intent) ? summary.Intent : CallIntents.Other;
        call.LeadJson = summary.Lead.Count == 0 ? null : JsonSerializer.Serialize(summary.Lead);
    }

    /// <summary>The follow-up for the agent: "call back" due now when nothing usable was said.</summary>
    public static TaskDraft Draft(Call call, IReadOnlyList<CallTurn> turns, Guid customerId, string customerName, Guid assignee, DateTimeOffset now)
    {
        // Without a transcript (missed, silent, or no speech service) the agent knows only that someone called.
        var heard = turns.Any(t => !string.IsNullOrWhiteSpace(t.Transcript));
        var callBack = call.Disposition != CallDisposition.Message || !heard;
        var title = callBack ? $"להתקשר בחזרה ל{customerName}" : $"לחזור ל{customerName} בעקבות הודעה";
        var notes = Said(call, turns);
        return new TaskDraft(customerId, assignee, assignee, Truncate(title, 200)!,
            notes.Length == 0 ? null : Truncate(notes, 4000), now, RemindBeforeMinutes: null, CallId: call.Id);
    }

    /// <summary>
    /// One callback for several calls from the same customer (the task stays open while they keep calling): the
    /// latest call linked, the count in the title, and what each call left, newest first. One call is worded as
    /// <see cref="Draft(Call, IReadOnlyList{CallTurn}, Guid, string, Guid, DateTimeOffset)"/> words it.
    /// </summary>
    public static TaskDraft Callback(IReadOnlyList<FollowUpCall> calls, Guid customerId, string customerName, Guid assignee,
        DateTimeOffset due, TimeZoneInfo zone)
    {
        var ordered = calls.OrderByDescending(c => c.Call.StartedAt).ThenByDescending(c => c.Call.Id).ToList();
        if (ordered.Count == 1)
        {
            return Draft(ordered[0].Call, ordered[0].Turns, customerId, customerName, assignee, due);
        }
        var heard = ordered.Any(c => c.Call.Disposition == CallDisposition.Message && c.Turns.Any(t => !string.IsNullOrWhiteSpace(t.Transcript)));
        var title = (heard ? $"לחזור ל{customerName} בעקבות הודעה" : $"להתקשר בחזרה ל{customerName}") + $" · {CalledAgain(ordered.Count)}";
        var notes = string.Join("\n\n", ordered.Select(c =>
        {
            var said = Said(c.Call, c.Turns);
            var at = TimeZoneInfo.ConvertTime(c.Call.StartedAt, zone).ToString("dd.MM HH:mm", System.Globalization.CultureInfo.InvariantCulture);
            return $"שיחה ב-{at}:\n{(said.Length == 0 ? "לא הושארה הודעה." : said)}";
        }));
        return new TaskDraft(customerId, assignee, assignee, Truncate(title, 200)!, Truncate(notes, 4000), due,
            RemindBeforeMinutes: null, CallId: ordered[0].Call.Id);
    }

    /// <summary>How a callback says the customer kept calling: "התקשר שוב · 2 שיחות".</summary>
    public static string CalledAgain(int calls) => $"התקשר שוב · {calls} שיחות";

    /// <summary>What one call left: its summary, or that a voice message waits, and the caller's words.</summary>
    private static string Said(Call call, IReadOnlyList<CallTurn> turns)
    {
        var heard = turns.Any(t => !string.IsNullOrWhiteSpace(t.Transcript));
        var unheard = call.Disposition == CallDisposition.Message && !heard ? "השאיר הודעה קולית; ההקלטה בדף השיחה." : null;
        return string.Join("\n", new[] { call.Summary, unheard }
            .Concat(turns.Where(t => !string.IsNullOrWhiteSpace(t.Transcript)).Select(t => $"המתקשר: {t.Transcript}"))
            .Where(line => !string.IsNullOrWhiteSpace(line)));
    }

    public const string WithheldMessageTitle = "הודעה ממספר חסוי";

    /// <summary>
    /// A message from a caller who is no customer (a withheld number): nobody to call back, so the task carries the
    /// message itself, what was said and where the call and its recording are, and belongs to the call alone.
    /// </summary>
    public static TaskDraft MessageWithoutCustomer(Call call, IReadOnlyList<CallTurn> turns, Guid assignee, DateTimeOffset now)
    {
        var title = CallerId.IsWithheld(call.From) ? WithheldMessageTitle : $"הודעה מ-{CallerId.Display(call.From)}";
        var heard = turns.Any(t => !string.IsNullOrWhiteSpace(t.Transcript));
        var message = string.Join("\n", new[] { call.Summary, heard ? null : "השאיר הודעה קולית; ההקלטה בדף השיחה." }
            .Concat(turns.Where(t => !string.IsNullOrWhiteSpace(t.Transcript)).Select(t => $"המתקשר: {t.Transcript}"))
            .Where(line => !string.IsNullOrWhiteSpace(line)));
        // The way to the recording goes last and is never cut off by a long transcript.
        var link = $"השיחה וההקלטה: {CallPath(call.Id)}";
        var notes = message.Length == 0 ? link : $"{Truncate(message, 4000 - link.Length - 1)}\n{link}";
        return new TaskDraft(CustomerId: null, assignee, assignee, Truncate(title, 200)!, notes, now, RemindBeforeMinutes: null, CallId: call.Id);
    }

    /// <summary>The call's page in the web app (transcript, summary and recording).</summary>
    public static string CallPath(Guid callId) => $"/calls/{callId}";

    private static string? Truncate(string? value, int length) => value is null || value.Length <= length ? value : value[..length];
}
