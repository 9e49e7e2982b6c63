using System.Text.Json;
using System.Threading.Channels;
using AgentLocator.Grains.Calls.Providers;
using AgentLocator.Grains.Data;
using AgentLocator.Grains.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace AgentLocator.Api.WhatsApp;

/// <summary>A stored inbound message whose media is still only at Twilio.</summary>
public sealed record WhatsAppMediaFetch(Guid BusinessId, Guid MessageId);

/// <summary>
/// Copies an inbound message's media from Twilio into our media store (area <see cref="MediaArea.WhatsApp"/>), off the
/// webhook's path. The download is Twilio's REST client with the account's credentials and retries, the same as a
/// call's recording (<see cref="ICallRecordingSource"/>). WhatsApp caps media at 16 MB; anything larger is not kept.
/// </summary>
public sealed class WhatsAppMediaFetcher(
    ICallRecordingSource downloads, IMediaStore store, TenantDbContextFactory contexts, ILogger<WhatsAppMediaFetcher> logger) : BackgroundService
{
    public const long MaxBytes = 16 * 1024 * 1024;

    private readonly Channel<WhatsAppMediaFetch> queue = Channel.CreateUnbounded<WhatsAppMediaFetch>(new UnboundedChannelOptions { SingleReader = true });

    public void Enqueue(WhatsAppMediaFetch fetch) => queue.Writer.TryWrite(fetch);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var fetch in queue.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await FetchAsync(fetch, stoppingToken);
            }
            catch (Exception error) when (error is not OperationCanceledException and not OutOfMemoryException)
            {
                // The message is stored with Twilio's URLs; the media can be fetched again later.
                logger.LogWarning(error, "Could not fetch the media of WhatsApp message {MessageId}", fetch.MessageId);
            }
        }
    }

    private async Task FetchAsync(WhatsAppMediaFetch fetch, CancellationToken cancellationToken)
    {
        await using var db = contexts.For(fetch.BusinessId);
        var message = await db.WhatsAppMessages.SingleOrDefaultAsync(m => m.Id == fetch.MessageId, cancellationToken);
        if (message is null)
        {
            return;
        }
        var media = JsonSerializer.Deserialize<List<WhatsAppMedia>>(message.MediaJson, JsonSerializerOptions.Web) ?? [];
        var changed = false;
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
                    logger.LogWarning("WhatsApp media of {Bytes} bytes on message {MessageId} is over the 16 MB limit; not kept", file.Content.Length, message.Id);
                    continue;
                }
                var contentType = media[i].ContentType ?? file.ContentType;
                var key = await store.SaveAsync(MediaArea.WhatsApp, file.Content, contentType, cancellationToken);
                media[i] = media[i] with { MediaKey = key, ContentType = contentType, Bytes = file.Content.Length };
                changed = true;
            }
            catch (RecordingUnavailableException unavailable)
            {
                logger.LogWarning("WhatsApp media {Index} of message {MessageId} could not be fetched: {Reason}", i, message.Id, unavailable.Message);
            }
        }
        if (changed)
        {
            message.MediaJson = JsonSerializer.Serialize(media, JsonSerializerOptions.Web);
            await db.SaveChangesAsync(cancellationToken);
        }
    }
}
