using System.Text.Json;
using AgentLocator.Grains.Calls.Providers;
using AgentLocator.Grains.Data.Entities;
using AgentLocator.Grains.WhatsApp;

namespace AgentLocator.Grains.Data.Demo;

/// <summary>
/// WhatsApp threads with some of the demo customers, as the real writers store them: message rows, one timeline event
/// each (<see cref="WhatsAppTimelineEvents"/>), voice notes in the media store with their transcripts, and a read mark
/// per thread that leaves the newest ones unread (so the inbox and its unread count have something to show).
/// </summary>
public sealed class DemoConversations(IMediaStore media, DemoRecordings recordings)
{
    private sealed record Line(bool Inbound, string? Text, string? VoiceNote = null);

    private static readonly Line[][] Threads =
    [
        [new(true, "שלום, ראיתי את המודעה. יש לכם זמן השבוע לפגישה?"), new(false, "שלום! בשמחה, יום שלישי ב-10:00 מתאים?"), new(true, "מעולה, נתראה")],
        [new(true, null, "היי, רציתי לשאול אם אפשר להקדים את הפגישה ליום חמישי בבוקר, תודה"), new(false, "בטח, עדכנתי ליום חמישי ב-9:30")],
        [new(true, "אפשר לקבל הצעת מחיר לביטוח דירה?"), new(false, "כמובן. מה גודל הדירה ובאיזו עיר?"), new(true, "4 חדרים בחולון")],
        [new(true, null, "שלום, אני מחכה לטלפון בקשר לחידוש הפוליסה, אפשר לחזור אליי אחרי הצהריים?")],
        [new(false, "תזכורת: הפגישה שלנו מחר ב-12:00 במשרד"), new(true, "תודה, אגיע")],
        [new(true, "שלחתי את המסמכים במייל, תוכלו לאשר שהגיעו?"), new(false, "הגיעו, תודה! נחזור אליך עד סוף השבוע")],
        [new(true, null, "בוקר טוב, רציתי לבדוק מה קורה עם הבקשה שלי מהשבוע שעבר")],
        [new(true, "מה שעות הפעילות שלכם ביום שישי?"), new(false, "ביום שישי אנחנו פתוחים 8:00–13:00")],
    ];

    /// <summary>Adds the threads to the first customers with a phone; saved by the caller's SaveChanges, except the transcripts' events.</summary>
    public async Task AddAsync(AgentLocatorDbContext db, Business business, IReadOnlyList<Customer> customers, Guid agentId, string agentName,
        DateTimeOffset now, Random random, CancellationToken cancellationToken)
    {
        var businessNumber = business.WhatsAppNumber ?? business.TwilioNumber ?? "";
        var voiceNotes = new List<WhatsAppMessage>();
        var withPhones = customers.Where(c => c.Phone is not null).ToList();
        for (var i = 0; i < Threads.Length && i < withPhones.Count; i++)
        {
            var customer = withPhones[i];
            var at = now.AddHours(-random.Next(2, 72));
            DateTimeOffset? lastInbound = null;
            foreach (var line in Threads[i])
            {
                at = at.AddMinutes(3 + random.Next(40));
                var message = new WhatsAppMessage
                {
                    Id = Guid.CreateVersion7(at), BusinessId = business.Id, CustomerId = customer.Id,
                    Direction = line.Inbound ? WhatsAppDirection.Inbound : WhatsAppDirection.Outbound,
                    MessageSid = (line.Inbound ? "SM" : "MM") + Guid.NewGuid().ToString("N"),
                    From = line.Inbound ? customer.Phone! : businessNumber, To = line.Inbound ? businessNumber : customer.Phone!,
                    Body = line.Text, ProfileName = line.Inbound ? customer.Name : null,
                    Status = line.Inbound ? WhatsAppStatus.Received : WhatsAppStatus.Read, SentByUserId = line.Inbound ? null : agentId,
                    CreatedAt = at, UpdatedAt = at,
                };
                var mediaCount = 0;
                if (line.VoiceNote is not null)
                {
                    var audio = await recordings.MakeAsync(line.VoiceNote, 5, cancellationToken);
                    var key = await media.SaveAsync(MediaArea.WhatsApp, audio, "audio/wav", cancellationToken);
                    message.MediaJson = JsonSerializer.Serialize(new[] { new WhatsAppMedia($"https://api.twilio.com/demo/{message.MessageSid}/Media/0", "audio/wav", key, audio.Length) },
                        JsonSerializerOptions.Web);
                    message.Transcript = line.VoiceNote;
                    voiceNotes.Add(message);
                    mediaCount = 1;
                }
                db.WhatsAppMessages.Add(message);
                WhatsAppTimelineEvents.Added(db, message, mediaCount, line.Inbound ? null : agentName);
                customer.LastActivityAt = customer.LastActivityAt > at ? customer.LastActivityAt : at;
                if (line.Inbound)
                {
                    lastInbound = at;
                }
            }
            // Every other thread was read up to its last message; the rest wait for an agent.
            db.WhatsAppConversations.Add(new WhatsAppConversation
            {
                CustomerId = customer.Id, BusinessId = business.Id, UpdatedAt = at,
                ReadUpTo = i % 2 == 0 || lastInbound is null ? at : lastInbound.Value.AddSeconds(-1),
            });
        }
        await db.SaveChangesAsync(cancellationToken);
        foreach (var note in voiceNotes)
        {
            await WhatsAppTimelineEvents.TranscribedAsync(db, note, note.CreatedAt, cancellationToken);
        }
    }
}
