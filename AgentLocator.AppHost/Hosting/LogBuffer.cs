using System.Threading.Channels;

namespace AgentLocator.AppHost.Hosting;

internal enum LogStream
{
    Out,
    Err,
    AppHost,
}

internal sealed record LogLine(long Sequence, DateTimeOffset Time, LogStream Stream, string Text);

/// <summary>
/// The last lines a resource printed. Bounded so a chatty process cannot grow the AppHost without limit,
/// yet long enough to show why something crashed.
/// </summary>
internal sealed class LogBuffer(int capacity = 1000)
{
    private readonly Lock _gate = new();
    private readonly Queue<LogLine> _lines = new();
    private readonly List<Channel<LogLine>> _subscribers = [];
    private long _nextSequence = 1;

    /// <summary>Raised in order, under the buffer's lock, so a console echo keeps a resource's lines in sequence.</summary>
    public event Action<LogLine>? Appended;

    public LogLine Add(LogStream stream, string text)
    {
        lock (_gate)
        {
            var line = new LogLine(_nextSequence++, DateTimeOffset.Now, stream, text);
            _lines.Enqueue(line);
            while (_lines.Count > capacity)
            {
                _lines.Dequeue();
            }

            foreach (var subscriber in _subscribers)
            {
                subscriber.Writer.TryWrite(line);
            }

            Appended?.Invoke(line);
            return line;
        }
    }

    public IReadOnlyList<LogLine> Recent(int count = int.MaxValue)
    {
        lock (_gate)
        {
            return _lines.Skip(Math.Max(0, _lines.Count - count)).ToArray();
        }
    }

    public bool Contains(string text)
    {
        lock (_gate)
        {
            return _lines.Any(l => l.Text.Contains(text, StringComparison.Ordinal));
        }
    }

    /// <summary>
    /// The backlog and the live feed from one consistent point, so a log viewer sees no gap and no duplicate.
    /// Dispose the subscription to stop receiving.
    /// </summary>
    public LogSubscription Subscribe()
    {
        // A slow viewer loses its oldest unread lines rather than stalling the process that writes them.
        var channel = Channel.CreateBounded<LogLine>(new BoundedChannelOptions(capacity)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
        });
        lock (_gate)
        {
            _subscribers.Add(channel);
            return new LogSubscription(_lines.ToArray(), channel.Reader, () =>
            {
                lock (_gate)
                {
                    _subscribers.Remove(channel);
                }

                channel.Writer.TryComplete();
            });
        }
    }
}

internal sealed class LogSubscription(IReadOnlyList<LogLine> backlog, ChannelReader<LogLine> live, Action unsubscribe)
    : IDisposable
{
    public IReadOnlyList<LogLine> Backlog { get; } = backlog;

    public ChannelReader<LogLine> Live { get; } = live;

    public void Dispose() => unsubscribe();
}
