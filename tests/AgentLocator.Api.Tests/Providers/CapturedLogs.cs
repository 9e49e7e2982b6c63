using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace AgentLocator.Api.Tests.Providers;

/// <summary>Every log line (with its exception), to assert on warnings and on secrets never being written.</summary>
public sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<(LogLevel Level, string Text)> lines = new();

    public IReadOnlyList<(LogLevel Level, string Text)> Lines => [.. lines];

    public string AllText => string.Join("\n", lines.Select(line => line.Text));

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(CapturedLogs logs, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            logs.lines.Enqueue((logLevel, $"{category}: {formatter(state, exception)} {exception}"));
    }
}
