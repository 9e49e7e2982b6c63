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
        var fullPath = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(fullPath)!);
        // Several API instances (tests, a second terminal) may start at once. A no-overwrite File.Move is no referee
        // (eight parallel first starts were seen to end with different pairs: both moves "won"). The first to hold the
        // lock writes the pair; the rest wait for it and read that pair.
        using (CreationLock.Acquire())
        {
            if (!File.Exists(fullPath))
            {
                Write(fullPath);
            }
        }
        return Read(fullPath);
    }

    /// <summary>Writes a new pair to a temporary file, then moves it into place, so a crash never leaves half a file.</summary>
    private static void Write(string path)
    {
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
            File.Move(temporary, path, overwrite: false);
        }
        finally
        {
            File.Delete(temporary);
        }
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

    /// <summary>
    /// An exclusive lock (flock on Unix, a share-none handle on Windows) on one lock file per user in the temporary
    /// directory: it serializes creating development keys across threads and processes and leaves nothing beside the
    /// key. The file stays (deleting it would let a late comer lock a new file while another still holds the old one).
    /// </summary>
    private static class CreationLock
    {
        private static readonly TimeSpan GiveUpAfter = TimeSpan.FromSeconds(30);

        public static FileStream Acquire()
        {
            var user = string.Concat(Environment.UserName.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_'));
            var lockPath = Path.Combine(Path.GetTempPath(), $"agentlocator-vapid-development-{user}.lock");
            var deadline = DateTime.UtcNow + GiveUpAfter;
            while (true)
            {
                try
                {
                    return new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                }
                catch (IOException) when (DateTime.UtcNow < deadline)
                {
                    // Another start holds it for the few milliseconds it takes to write a pair.
                    Thread.Sleep(20);
                }
            }
        }
    }
}
