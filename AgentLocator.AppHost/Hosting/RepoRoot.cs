namespace AgentLocator.AppHost.Hosting;

internal static class RepoRoot
{
    private const string Marker = "AgentLocator.sln";

    /// <summary>
    /// The folder holding the solution: data directories and project paths are relative to it, whether the
    /// AppHost was started from the repo root, from its own folder, or from its bin folder.
    /// </summary>
    public static string Find()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, Marker)))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException($"Could not find {Marker} above {Directory.GetCurrentDirectory()}.");
    }
}
