namespace AgentLocator.AppHost.Hosting;

/// <summary>Building a project of the repo and finding its assembly: for project resources and for tools that commands run.</summary>
internal static class DotnetProject
{
    public static async Task BuildAsync(string projectFile, Action<LogStream, string> onLine, CancellationToken cancellationToken)
    {
        if (!File.Exists(projectFile))
        {
            throw new InvalidOperationException($"project file {projectFile} does not exist");
        }

        // No build servers: they would outlive the AppHost, and "no process left behind" includes them.
        var build = await CommandRunner.RunAsync(
            new LaunchSpec("dotnet", ["build", projectFile, "-c", "Debug", "-nologo", "-v:q", "--disable-build-servers"], Path.GetDirectoryName(projectFile)!)
            {
                Environment = new Dictionary<string, string> { ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1", ["DOTNET_NOLOGO"] = "1" },
            },
            onLine,
            cancellationToken);
        if (!build.Succeeded)
        {
            throw new InvalidOperationException($"dotnet build of {Path.GetFileName(projectFile)} failed with exit code {build.ExitCode}");
        }
    }

    /// <summary>The newest Debug build of the project's assembly, whatever its target framework folder; null before a build.</summary>
    public static string? FindAssembly(string projectFile)
    {
        var assemblyName = Path.GetFileNameWithoutExtension(projectFile) + ".dll";
        var output = Path.Combine(Path.GetDirectoryName(projectFile)!, "bin", "Debug");
        return Directory.Exists(output)
            ? Directory.GetDirectories(output)
                .Select(tfm => Path.Combine(tfm, assemblyName))
                .Where(File.Exists)
                .OrderByDescending(File.GetLastWriteTimeUtc)
                .FirstOrDefault()
            : null;
    }
}
