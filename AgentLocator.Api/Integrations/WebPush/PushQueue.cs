using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace AgentLocator.Api.Integrations.WebPush;

public sealed record QueuedPush(Guid BusinessId, Guid UserId, PushMessage Message);

/// <summary>
/// The <see cref="IPushSender"/> callers see: validates and queues, never waits on the network (only, when full,
/// for room in the queue). A malformed message
/// (topic, urgency, TTL) is a caller's bug and throws; one too large for a push body is logged and dropped.
/// <see cref="PushDeliveryService"/> drains it.
/// </summary>
public sealed class PushQueue : IPushSender
{
    /// <summary>
    /// Push services must accept 4096-byte bodies (RFC 8030 §7.2). One aes128gcm record of that size holds this much after
    /// its header (salt, record size, key length, 65-byte key: 86 bytes), delimiter and tag. A longer payload would make
    /// the library write a second record, which push services refuse.
    /// </summary>
    public const int MaxPayloadBytes = 4096 - 86 - 1 - 16;

    private static readonly HashSet<string> Urgencies = ["very-low", "low", "normal", "high"];

    private readonly Channel<QueuedPush> channel;
    private readonly ILogger<PushQueue> logger;
    private readonly Lock idleLock = new();
    private int pending;
    private TaskCompletionSource idle = CompletedSignal();

    public PushQueue(IOptions<WebPushOptions> options, ILogger<PushQueue> logger)
    {
        this.logger = logger;
        channel = Channel.CreateBounded<QueuedPush>(new BoundedChannelOptions(options.Value.QueueCapacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    internal ChannelReader<QueuedPush> Reader => channel.Reader;

    public async ValueTask EnqueueAsync(Guid businessId, Guid userId, PushMessage message, CancellationToken cancellationToken = default)
    {
        Validate(message);
        var payloadBytes = System.Text.Encoding.UTF8.GetByteCount(message.PayloadJson);
        if (payloadBytes > MaxPayloadBytes)
        {
            // Size depends on what users typed, so it is not the caller's bug to throw at; the in-app alert still went out.
            logger.LogError("A push message for user {UserId} is {Bytes} bytes, over the {Limit}-byte limit, and was not sent.",
                userId, payloadBytes, MaxPayloadBytes);
            return;
        }
        MarkPending();
        try
        {
            await channel.Writer.WriteAsync(new QueuedPush(businessId, userId, message), cancellationToken);
        }
        catch
        {
            MarkDone();
            throw;
        }
    }

    /// <summary>Completes once every queued message has been sent, given up on, or dropped; tests await it.</summary>
    internal Task WhenIdleAsync(CancellationToken cancellationToken = default)
    {
        lock (idleLock)
        {
            return idle.Task.WaitAsync(cancellationToken);
        }
    }

    internal void MarkDone()
    {
        lock (idleLock)
        {
            if (--pending == 0)
            {
                idle.TrySetResult();
            }
        }
    }

    private void MarkPending()
    {
        lock (idleLock)
        {
            if (pending++ == 0)
            {
                idle = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }
    }

    private static void Validate(PushMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Topic is { } topic && !IsValidTopic(topic))
        {
            throw new ArgumentException("A push topic is at most 32 characters of the base64url alphabet (RFC 8030 §5.4).", nameof(message));
        }
        if (!Urgencies.Contains(message.Urgency))
        {
            throw new ArgumentException("Urgency must be very-low, low, normal or high (RFC 8030 §5.3).", nameof(message));
        }
        if (message.TimeToLive < TimeSpan.Zero)
        {
            throw new ArgumentException("The time to live cannot be negative.", nameof(message));
        }
    }

    public static bool IsValidTopic(string topic) =>
        topic.Length is > 0 and <= 32 && topic.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    private static TaskCompletionSource CompletedSignal()
    {
        var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        signal.SetResult();
        return signal;
    }
}
