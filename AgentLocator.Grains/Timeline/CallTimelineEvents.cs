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
        Apply(row, call, []);
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
        if (turns is null)
        {
            var known = TimelineCards.Deserialize<CallCard>(row.PayloadJson);
            Apply(row, call, known?.TranscriptFirstLine, known?.RecordingUrl);
        }
        else
        {
            Apply(row, call, turns);
        }
        if ((row.Title, row.Summary, row.PayloadJson, row.CustomerId) != before)
        {
            row.UpdatedAt = now > row.UpdatedAt ? now : row.UpdatedAt;
        }
    }

    private static void Apply(TimelineEvent row, Call call, IReadOnlyList<CallTurn> turns) => Apply(row, call,
        TimelineEntries.FirstLine(turns.OrderBy(t => t.Number).Select(t => t.Transcript).FirstOrDefault(t => !string.IsNullOrWhiteSpace(t))),
        turns.Any(t => t.RecordingKey is not null) ? $"/api/calls/{call.Id}/recording" : null);

    private static void Apply(TimelineEvent row, Call call, string? firstLine, string? recording)
    {
        var disposition = WireNames<CallDisposition>.Of(call.Disposition);
        var card = new CallCard(call.Id, disposition, call.DurationSeconds, recording, firstLine, TimelineEntries.Truncate(call.Summary, 1000));
        row.CustomerId = call.CustomerId;
        row.PayloadJson = TimelineCards.Serialize(card);
        TimelineEntries.SetTexts(row, Title(call), call.Summary ?? firstLine, firstLine);
    }

    public static string Title(Call call)
    {
        var direction = call.Direction.StartsWith("outbound", StringComparison.Ordinal) ? "שיחה יוצאת" : "שיחה נכנסת";
        var outcome = call.Disposition switch
        {
            CallDisposition.Message => "השאיר הודעה",
            CallDisposition.NoMessage => "לא השאיר הודעה",
            CallDisposition.Missed => "לא נענתה",
            _ => "בשיחה",
        };
        return $"{direction} — {outcome}";
    }
}
