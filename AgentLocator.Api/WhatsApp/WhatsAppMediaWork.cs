using System.Text.Json;
using AgentLocator.Grains.Calls.Providers;
using AgentLocator.Grains.Data;
using AgentLocator.Grains.Data.Entities;
using AgentLocator.Grains.WhatsApp;
using Microsoft.EntityFrameworkCore;

namespace AgentLocator.Api.WhatsApp;

/// <summary>What one attempt at a message's media did: whether the message changed, and why it must be tried again.</summary>
public sealed record WhatsAppMediaOutcome(bool Changed, string? Failure);

/// <summary>
/// One attempt at an inbound message's media: copies each file still only at Twilio into our store (area
/// <see cref="MediaArea.WhatsApp"/>) with Twilio's REST client and the account's credentials, the same as a call's
/// recording (<see cref="ICallRecordingSource"/>), then has each voice note transcribed by the speech-to-text the calls
/// use, when one is configured. What is done stays done (a stored key, a transcript), so a retry does only the rest.
/// WhatsApp caps media at 16 MB; anything larger is not kept and not retried.
/// </summary>
public sealed class WhatsAppMediaWork(
    ICallRecordingSource downloads, IMediaStore store, ICallTranscriber transcriber, TenantDbContextFactory contexts, TimeProvider clock,
    ILogger<WhatsAppMediaWork> logger)
{
    public const long MaxBytes = 16 * 1024 * 1024;

    public async Task<WhatsAppMediaOutcome> RunAsync(Guid businessId, Guid messageId, CancellationToken cancellationToken)
    {
        await using var db = contexts.For(businessId);
        var message = await db.WhatsAppMessages.SingleOrDefaultAsync(m => m.Id == messageId, cancellationToken);
        if (message is null)
        {
            return new WhatsAppMediaOutcome(false, null);
        }
        var media = JsonSerializer.Deserialize<List<WhatsAppMedia>>(message.MediaJson, JsonSerializerOptions.Web) ?? [];
        var (copied, copyFailure) = await CopyAsync(message.Id, media, cancellationToken);
        if (copied)
        {
            message.MediaJson = JsonSerializer.Serialize(media, JsonSerializerOptions.Web);
        }
        var (transcript, transcribeFailure) = await TranscribeAsync(message, media, cancellationToken);
        if (transcript is not null)
        {
            message.Transcript = transcript.Length <= 8192 ? transcript : transcript[..8192];
            await WhatsAppTimelineEvents.TranscribedAsync(db, message, clock.GetUtcNow(), cancellationToken);
        }
        var changed = copied || transcript is not null;
        if (changed)
        {
            message.UpdatedAt = clock.GetUtcNow();
            await db.SaveChangesAsync(cancellationToken);
        }
        return new WhatsAppMediaOutcome(changed, copyFailure ?? transcribeFailure);
    }

    private async Task<(bool Copied, string? Failure)> CopyAsync(Guid messageId, List<WhatsAppMedia> media, CancellationToken cancellationToken)
    {
        var copied = false;
        string? failure = null;
        for (var i = 0; i < media.Count; i++)
        {
            if (media[i].MediaKey is not null)
            {
                continue;
            }
            try
            {
                var file = await downloads.DownloadAsync(media[i].Url, cancellationToken);
                if (file.Content.Length > MaxBytes)
                {
                    logger.LogWarning("WhatsApp media of {Bytes} bytes on message {MessageId} is over the 16 MB limit; not kept", file.Content.Length, messageId);
                    continue;
                }
                var contentType = media[i].ContentType ?? file.ContentType;
                var key = await store.SaveAsync(MediaArea.WhatsApp, file.Content, contentType, cancellationToken);
                media[i] = media[i] with { MediaKey = key, ContentType = contentType, Bytes = file.Content.Length };
                copied = true;
            }
            catch (RecordingUnavailableException unavailable)
            {
                logger.LogWarning("WhatsApp media {Index} of message {MessageId} could not be fetched: {Reason}", i, messageId, unavailable.Message);
                failure = $"media {i}: {unavailable.Message}";
            }
        }
        return (copied, failure);
    }

    /// <summary>The voice notes' text, one line per note, once every note is stored; null when there is nothing (new) to write.</summary>
    private async Task<(string? Transcript, string? Failure)> TranscribeAsync(WhatsAppMessage message, List<WhatsAppMedia> media, CancellationToken cancellationToken)
    {
        var notes = media.Where(IsVoiceNote).ToList();
        if (!transcriber.IsConfigured || message.Transcript is not null || notes.Count == 0 || notes.Any(note => note.MediaKey is null))
        {
            return (null, null);
        }
        var lines = new List<string>();
        try
        {
            foreach (var note in notes)
            {
                var stored = await store.OpenAsync(MediaArea.WhatsApp, note.MediaKey!, cancellationToken);
                if (stored is null)
                {
                    continue;
                }
                var audio = new RecordingAudio(await File.ReadAllBytesAsync(stored.Path, cancellationToken), stored.ContentType);
                var text = await transcriber.TranscribeAsync(audio, cancellationToken);
                if (!string.IsNullOrWhiteSpace(text))
                {
                    lines.Add(text.Trim());
                }
            }
        }
        catch (Exception error) when (error is not OperationCanceledException and not OutOfMemoryException)
        {
            logger.LogWarning(error, "The voice note of WhatsApp message {MessageId} could not be transcribed", message.Id);
            return (null, $"transcription: {error.GetType().Name}");
        }
        // An empty transcript (nothing recognised) is still an answer: it is stored, so the note is not sent again.
        return (string.Join('\n', lines), null);
    }

    private static bool IsVoiceNote(WhatsAppMedia media) => media.ContentType?.StartsWith("audio/", StringComparison.OrdinalIgnoreCase) == true;
}
