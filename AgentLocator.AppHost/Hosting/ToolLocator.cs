namespace AgentLocator.AppHost.Hosting;

/// <summary>A command a resource needs, and the Debian package that provides it.</summary>
internal sealed record RequiredTool(string Command, string DebianPackage);

/// <summary>
/// Finds executables on PATH and in Debian's versioned Postgres folders (postgres and initdb are not on
/// PATH there). The lookup is injectable so the "what to install" message can be tested.
/// </summary>
internal sealed class ToolLocator(Func<string, string?>? lookup = null)
{
    private readonly Func<string, string?> _lookup = lookup ?? FindOnDisk;

    public string? Find(string command) => _lookup(command);

    public string Require(string command) =>
        Find(command) ?? throw new InvalidOperationException($"'{command}' was not found on PATH.");

    /// <summary>Debian packages providing the tools that are missing, each named once, in first-seen order.</summary>
    public IReadOnlyList<string> MissingPackages(IEnumerable<RequiredTool> tools) =>
        tools.Where(t => Find(t.Command) is null).Select(t => t.DebianPackage).Distinct().ToArray();

    public static string InstallCommand(IEnumerable<string> packages) =>
        $"apt-get install -y {string.Join(' ', packages)}";

    private static string? FindOnDisk(string command)
    {
        if (Path.IsPathRooted(command))
        {
            return File.Exists(command) ? command : null;
        }

        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        var candidates = path.Split(':', StringSplitOptions.RemoveEmptyEntries).Concat(PostgresBinDirectories());
        return candidates.Select(dir => Path.Combine(dir, command)).FirstOrDefault(IsExecutable);
    }

    // Newest major version first, so a machine with several clusters uses the latest.
    private static IEnumerable<string> PostgresBinDirectories()
    {
        const string root = "/usr/lib/postgresql";
        if (!Directory.Exists(root))
        {
            return [];
        }

        return Directory.GetDirectories(root)
            .OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var major) ? major : 0)
            .Select(d => Path.Combine(d, "bin"));
    }

    private static bool IsExecutable(string file) =>
        File.Exists(file) && (File.GetUnixFileMode(file) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0;
}
