using System.Security.Cryptography;
using System.Text.RegularExpressions;
using AgentLocator.Grains.Calls.Providers;

namespace AgentLocator.Api.Integrations.MediaStorage;

/// <summary>
/// Audio on the local disk under <c>Media:Path</c>: one folder per area, a file per key and a sidecar with its
/// content type. Keys are 256 random bits, so a public key cannot be guessed from another.
/// </summary>
public sealed partial class FileMediaStore : IMediaStore
{
    private readonly string root;

    public FileMediaStore(string root)
    {
        this.root = Path.GetFullPath(root);
        foreach (var area in Enum.GetValues<MediaArea>())
        {
            Directory.CreateDirectory(AreaPath(area));
            Directory.CreateDirectory(AliasPath(area));
        }
    }

    public static bool IsKey(string? key) => key is not null && KeyPattern().IsMatch(key);

    public async Task<string> SaveAsync(MediaArea area, ReadOnlyMemory<byte> content, string contentType, CancellationToken cancellationToken)
    {
        var key = Base64UrlKey();
        var path = Path.Combine(AreaPath(area), key);
        // Type first, then content: a reader that finds the content always finds its type.
        await File.WriteAllTextAsync(path + ".type", contentType, cancellationToken);
        var temporary = path + ".partial";
        await File.WriteAllBytesAsync(temporary, content.ToArray(), cancellationToken);
        File.Move(temporary, path);
        return key;
    }

    public async Task<StoredMedia?> OpenAsync(MediaArea area, string key, CancellationToken cancellationToken)
    {
        if (!IsKey(key))
        {
            return null;
        }
        var path = Path.Combine(AreaPath(area), key);
        var file = new FileInfo(path);
        if (!file.Exists)
        {
            return null;
        }
        var type = File.Exists(path + ".type") ? (await File.ReadAllTextAsync(path + ".type", cancellationToken)).Trim() : "application/octet-stream";
        return new StoredMedia(path, type, file.Length);
    }

    public Task DeleteAsync(MediaArea area, string key, CancellationToken cancellationToken)
    {
        if (IsKey(key))
        {
            var path = Path.Combine(AreaPath(area), key);
            File.Delete(path);
            File.Delete(path + ".type");
        }
        return Task.CompletedTask;
    }

    public async Task<string?> FindAliasAsync(MediaArea area, string alias, CancellationToken cancellationToken)
    {
        var path = AliasFile(area, alias);
        if (!File.Exists(path))
        {
            return null;
        }
        var key = (await File.ReadAllTextAsync(path, cancellationToken)).Trim();
        // An alias whose file was removed is a miss, so the caller makes the file again.
        return IsKey(key) && File.Exists(Path.Combine(AreaPath(area), key)) ? key : null;
    }

    public async Task SetAliasAsync(MediaArea area, string alias, string key, CancellationToken cancellationToken)
    {
        var path = AliasFile(area, alias);
        var temporary = path + "." + Guid.NewGuid().ToString("N");
        await File.WriteAllTextAsync(temporary, key, cancellationToken);
        File.Move(temporary, path, overwrite: true);
    }

    private string AreaPath(MediaArea area) => Path.Combine(root, area.ToString().ToLowerInvariant());

    private string AliasPath(MediaArea area) => Path.Combine(root, "aliases", area.ToString().ToLowerInvariant());

    /// <summary>Aliases are hashed into file names so any text (Hebrew, slashes) is a safe name.</summary>
    private string AliasFile(MediaArea area, string alias) =>
        Path.Combine(AliasPath(area), Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(alias))));

    private static string Base64UrlKey() => System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    [GeneratedRegex("^[A-Za-z0-9_-]{43}$")]
    private static partial Regex KeyPattern();
}
