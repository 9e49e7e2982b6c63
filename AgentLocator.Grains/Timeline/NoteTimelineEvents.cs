using AgentLocator.Grains.Data;
using AgentLocator.Grains.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace AgentLocator.Grains.Timeline;

/// <summary>One event per note (source key: the note id), changed with the note and removed with it.</summary>
public static class NoteTimelineEvents
{
    public static TimelineEvent Added(AgentLocatorDbContext db, CustomerNote note)
    {
        var row = TimelineEntries.New(TimelineKinds.Note, note.BusinessId, note.CustomerId, note.CreatedAt,
            TimelineActorTypes.Agent, note.AuthorId, note.AuthorName);
        row.SourceId = note.Id;
        row.SourceKey = note.Id.ToString();
        row.Link = TimelineKinds.Note.LinkTo(note.CustomerId);
        Apply(row, note);
        db.TimelineEvents.Add(row);
        return row;
    }

    /// <summary>Brings the note's event up to date; <paramref name="at"/> null when nothing changed (a repeated request).</summary>
    public static async Task<TimelineEvent> ChangedAsync(AgentLocatorDbContext db, CustomerNote note, DateTimeOffset? at)
    {
        var row = await FindAsync(db, note) ?? Added(db, note);
        Apply(row, note);
        if (at is { } changedAt)
        {
            row.UpdatedAt = changedAt;
        }
        return row;
    }

    public static async Task RemovedAsync(AgentLocatorDbContext db, CustomerNote note)
    {
        if (await FindAsync(db, note) is { } row)
        {
            db.TimelineEvents.Remove(row);
        }
    }

    private static Task<TimelineEvent?> FindAsync(AgentLocatorDbContext db, CustomerNote note)
    {
        var key = note.Id.ToString();
        return db.TimelineEvents.SingleOrDefaultAsync(e => e.Kind == TimelineKinds.Note.Name && e.SourceKey == key);
    }

    private static void Apply(TimelineEvent row, CustomerNote note)
    {
        row.Pinned = note.Pinned;
        row.PayloadJson = TimelineCards.Serialize(new NoteCard(note.Id, note.Text, note.AuthorId, note.EditedAt is not null));
        TimelineEntries.SetTexts(row, "הערה", TimelineEntries.FirstLine(note.Text, 300), note.Text);
    }
}
