using System.Collections.Concurrent;

namespace AgentLocator.FakeProviders;

/// <summary>The requests a fake received, in order, for tests to assert on.</summary>
public sealed class RequestLog<T>
{
    private readonly ConcurrentQueue<T> entries = new();

    public IReadOnlyList<T> All => [.. entries];

    public int Count => entries.Count;

    public T Last => All is [.., var last] ? last : throw new InvalidOperationException("No request was received.");

    internal void Add(T entry) => entries.Enqueue(entry);

    public void Clear() => entries.Clear();
}
