namespace AgentLocator.Grains.Calls.Providers;

public enum MediaArea
{
    /// <summary>What Twilio plays (greetings, spoken replies): served anonymously at <c>/media/{key}</c>, so keys are unguessable.</summary>
    Public,

    /// <summary>Callers' recordings: served only to the business's agents, through the calls API.</summary>
    Recordings,

    /// <summary>Photos, voice notes and documents customers sent on WhatsApp: served only to the business's agents, through the WhatsApp API.</summary>
    WhatsApp,
}

/// <summary>A stored file: where to read it and what it is.</summary>
public sealed record StoredMedia(string Path, string ContentType, long Length);

/// <summary>Audio and files we keep. Keys are random (URL-safe) unless an alias lets a caller find an earlier file by what made it.</summary>
public interface IMediaStore
{
    /// <returns>The new file's key.</returns>
    Task<string> SaveAsync(MediaArea area, ReadOnlyMemory<byte> content, string contentType, CancellationToken cancellationToken);

    /// <summary>Null when there is no such file (or the key is malformed).</summary>
    Task<StoredMedia?> OpenAsync(MediaArea area, string key, CancellationToken cancellationToken);

    Task DeleteAsync(MediaArea area, string key, CancellationToken cancellationToken);

    /// <summary>The key saved under <paramref name="alias"/> (e.g. a hash of the text a reply was synthesized from), if any.</summary>
    Task<string?> FindAliasAsync(MediaArea area, string alias, CancellationToken cancellationToken);

    Task SetAliasAsync(MediaArea area, string alias, string key, CancellationToken cancellationToken);
}
