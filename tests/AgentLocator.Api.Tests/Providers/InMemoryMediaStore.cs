using System.Collections.Concurrent;
using AgentLocator.Grains.Calls.Providers;

namespace AgentLocator.Api.Tests.Providers;

/// <summary>Media kept in memory, for provider tests that must see what was saved and under which alias.</summary>
public sealed class InMemoryMediaStore : IMediaStore
{
    private readonly ConcurrentDictionary<(MediaArea, string), (byte[] Content, string ContentType)> files = new();
    private readonly ConcurrentDictionary<(MediaArea, string), string> aliases = new();

    public int SaveCount => files.Count;

    public byte[] Content(MediaArea area, string key) => files[(area, key)].Content;

    public string? Alias(MediaArea area, string alias) => aliases.GetValueOrDefault((area, alias));

    public Task<string> SaveAsync(MediaArea area, ReadOnlyMemory<byte> content, string contentType, CancellationToken cancellationToken)
    {
        var key = Guid.NewGuid().ToString("N");
        files[(area, key)] = (content.ToArray(), contentType);
        return Task.FromResult(key);
    }

    public Task<StoredMedia?> OpenAsync(MediaArea area, string key, CancellationToken cancellationToken) =>
        Task.FromResult(files.TryGetValue((area, key), out var file)
            ? new StoredMedia($"memory://{area}/{key}", file.ContentType, file.Content.Length)
            : null);

    public Task DeleteAsync(MediaArea area, string key, CancellationToken cancellationToken)
    {
        files.TryRemove((area, key), out _);
        return Task.CompletedTask;
    }

    public Task<string?> FindAliasAsync(MediaArea area, string alias, CancellationToken cancellationToken) =>
        Task.FromResult(aliases.GetValueOrDefault((area, alias)));

    public Task SetAliasAsync(MediaArea area, string alias, string key, CancellationToken cancellationToken)
    {
        aliases[(area, alias)] = key;
        return Task.CompletedTask;
    }
}
