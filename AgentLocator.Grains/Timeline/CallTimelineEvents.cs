using AgentLocator.Grains.Data;
using AgentLocator.Grains.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace AgentLocator.Grains.Timeline;

/// <summary>
/// One event per call (source key: the call id), added with the call row and updated where its outcome is saved:
/// disposition, duration, the first line of what the caller said, and the summary. The caller is the actor.
/// </summary>
public static class CallTimelineEvents
{
    /// <summary>With the new call row, in the same SaveChanges; no read.</summary>
    public static TimelineEvent Started(AgentLocatorDbContext db, Call call)
    {
        var row = TimelineEntries.New(TimelineKinds.Call, call.BusinessId, call.CustomerId, call.StartedAt,
            TimelineActorTypes.Caller, null, call.From);
        row.SourceId = call.Id;
        row.SourceKey = call.Id.ToString();
        row.Link = TimelineKinds.Call.LinkTo(call.Id);
        Apply(row, call);
        db.TimelineEvents.Add(row);
        return row;
    }

    /// <summary>
    /// Where the call's outcome is saved: updates the call's event (or adds it, for a call from before the timeline).
    /// Without <paramref name="turns"/> (a status callback) what the turns gave — first line, recording — is kept.
    /// </summary>
    public static async Task UpsertAsync(AgentLocatorDbContext db, Call call, IReadOnlyList<CallTurn>? turns, DateTimeOffset now)
    {
        var key = call.Id.ToString();
        var row = db.TimelineEvents.Local.FirstOrDefault(e => e.Kind == TimelineKinds.Call.Name && e.SourceKey == key)
            ?? await db.TimelineEvents.SingleOrDefaultAsync(e => e.Kind == TimelineKinds.Call.Name && e.SourceKey == key);
        if (row is null)
        {
            row = Started(db, call);
        }
        var before = (row.Title, row.Summary, row.PayloadJson, row.CustomerId);
        // The status callback and the after-call work save in their own contexts and may each hold an older copy of
        // the call: what the event already knows is kept rather than cleared, and an ended call never goes back to
        // in progress.
        var known = TimelineCards.Deserialize<CallCard>(row.PayloadJson);
        var firstLine = turns is null ? null : TimelineEntries.FirstLine(turns.OrderBy(t => t.Number).Select(t => t.Transcript).FirstOrDefault(t => !string.IsNullOrWhiteSpace(t)));
        var recording = turns is not null && turns.Any(t => t.RecordingKey is not null) ? $"/api/calls/{call.Id}/recording" : null;
        var disposition = call.Disposition == CallDisposition.InProgress && known is not null
            && WireNames<CallDisposition>.TryParse(known.Disposition, out var stored) ? stored : call.Disposition;
        Apply(row, call, disposition, call.DurationSeconds ?? known?.DurationSeconds, firstLine ?? known?.TranscriptFirstLine,
            recording ?? known?.RecordingUrl, call.Summary ?? known?.Summary);
        if ((row.Title, row.Summary, row.PayloadJson, row.CustomerId) != before)
        {
            row.UpdatedAt = now > row.UpdatedAt ? now : row.UpdatedAt;
        }
    }

    private static void Apply(TimelineEvent row, Call call) =>
        Apply(row, call, call.Disposition, call.DurationSeconds, null, null, call.Summary);

    private static void Apply(TimelineEvent row, Call call, CallDisposition disposition, int? duration, string? firstLine, string? recording, string? summary)
    {
        summary = TimelineEntries.Truncate(summary, 1000);
        var card = new CallCard(call.Id, WireNames<CallDisposition>.Of(disposition), duration, recording, firstLine, summary);
        row.CustomerId = call.CustomerId;
        row.PayloadJson = TimelineCards.Serialize(card);
        TimelineEntries.SetTexts(row, Title(call.Direction, disposition), summary ?? firstLine, firstLine);
    }

    public static string Title(string direction, CallDisposition disposition)
    {
        var way = direction.StartsWith("outbound", StringComparison.Ordinal) ? "שיחה יוצאת" : "שיחה נכנסת";
        var outcome = disposition switch
        {
            CallDisposition.Message => "השאיר הודעה",
            CallDisposition.NoMessage => "לא השאיר הודעה",
            CallDisposition.Missed => "לא נענתה",
            _ => "בשיחה",
        };
        return $"{way} — {outcome}";
    }
}
