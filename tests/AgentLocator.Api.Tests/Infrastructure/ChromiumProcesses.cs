namespace AgentLocator.Api.Tests.Infrastructure;

/// <summary>Looks at Chromium processes through /proc, for tests that prove a browser does not outlive its owner.</summary>
public static class ChromiumProcesses
{
    /// <summary>Whether the process exists and has not exited (a zombie waiting to be reaped counts as gone).</summary>
    public static bool IsRunning(int processId)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{processId}/stat");
            var state = stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[0];
            return state is not ("Z" or "X");
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>The direct children of a process that run Chromium (Debian's wrapper execs the browser in place).</summary>
    public static IReadOnlyList<int> ChildrenOf(int parentId) =>
        [.. Directory.EnumerateDirectories("/proc")
            .Select(path => int.TryParse(Path.GetFileName(path), out var id) ? id : 0)
            .Where(id => id > 0 && ParentOf(id) == parentId && CommandLine(id).Contains("chromium", StringComparison.Ordinal))];

    /// <summary>Waits until the process is gone, up to a generous limit; false if it is still running then.</summary>
    public static async Task<bool> WaitUntilGoneAsync(int processId, TimeSpan limit)
    {
        using var deadline = new CancellationTokenSource(limit);
        while (IsRunning(processId))
        {
            if (deadline.IsCancellationRequested)
            {
                return false;
            }
            await Task.Delay(100, CancellationToken.None);
        }
        return true;
    }

    private static int ParentOf(int processId)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{processId}/stat");
            return int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1]);
        }
        catch (IOException)
        {
            return 0;
        }
    }

    private static string CommandLine(int processId)
    {
        try
        {
            return File.ReadAllText($"/proc/{processId}/cmdline").Replace('\0', ' ');
        }
        catch (IOException)
        {
            return "";
        }
    }
}
