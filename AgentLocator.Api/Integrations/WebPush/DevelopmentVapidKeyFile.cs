using System.Text.Json;

namespace AgentLocator.Api.Integrations.WebPush;

/// <summary>
/// A developer's VAPID pair, generated on first run and reused after, so the browser's subscription (bound to the public key)
/// keeps working across restarts. Written owner-only (0600) and under the gitignored <c>.agentlocator/</c> directory.
/// </summary>
public static class DevelopmentVapidKeyFile
{
    private const string RepositoryMarker = "AgentLocator.sln";

    private sealed record StoredKeys(string PublicKey, string PrivateKey);

    /// <summary><c>&lt;repo root&gt;/.agentlocator/vapid-development.json</c>, or under the content root when not run from the repository.</summary>
    public static string DefaultPath(string contentRoot)
    {
        for (var directory = new DirectoryInfo(contentRoot); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, RepositoryMarker)))
            {
                return Path.Combine(directory.FullName, ".agentlocator", "vapid-development.json");
            }
        }
        return Path.Combine(contentRoot, ".agentlocator", "vapid-development.json");
    }

    public static VapidKeys LoadOrCreate(string path)
    {
        if (File.Exists(path))
        {
            return Read(path);
        }
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        using var generated = VapidKeys.Generate();
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            var fileOptions = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                // Created 0600 rather than narrowed afterwards, so the private key is never readable by others.
                fileOptions.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }
            using (var stream = new FileStream(temporary, fileOptions))
            {
                JsonSerializer.Serialize(stream, new StoredKeys(generated.PublicKeyBase64Url, generated.ExportPrivateKeyBase64Url()), JsonSerializerOptions.Web);
            }
            // Several API instances (tests, a second terminal) may start at once: the first rename wins and the rest read its pair.
            File.Move(temporary, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
        }
        finally
        {
            File.Delete(temporary);
        }
        return Read(path);
    }

    private static VapidKeys Read(string path)
    {
        StoredKeys? stored;
        try
        {
            stored = JsonSerializer.Deserialize<StoredKeys>(File.ReadAllText(path), JsonSerializerOptions.Web);
        }
        catch (JsonException)
        {
            stored = null;
        }
        if (stored is null || string.IsNullOrWhiteSpace(stored.PublicKey) || string.IsNullOrWhiteSpace(stored.PrivateKey))
        {
            throw new InvalidVapidSettingsException($"The development VAPID key file {path} is unreadable; delete it to generate a new pair.");
        }
        try
        {
            return VapidKeys.FromBase64Url(stored.PublicKey, stored.PrivateKey);
        }
        catch (InvalidVapidSettingsException invalid)
        {
            throw new InvalidVapidSettingsException($"The development VAPID key file {path} is invalid ({invalid.Message}); delete it to generate a new pair.");
        }
    }
}
