using System.Diagnostics;

namespace AgentLocator.AppHost.Resources;

/// <summary>
/// Postgres refuses to run as root. As root (CI, containers) the server and initdb run as the <c>postgres</c> OS user
/// that Debian's package creates; as anyone else they run as that user.
/// </summary>
internal static class ServerUser
{
    public const string Postgres = "postgres";

    public static bool IsRoot => Environment.IsPrivilegedProcess;

    /// <summary>
    /// The long-running server: setpriv execs in place, so the process DCP holds is the postmaster itself and its
    /// stop signal reaches it directly (runuser would stay as a parent).
    /// </summary>
    public static (string Command, string[] Prefix) ForServer() => IsRoot
        ? ("setpriv", [$"--reuid={Postgres}", $"--regid={Postgres}", "--init-groups", "--"])
        : ("", []);

    /// <summary>One-shot tools (initdb): runuser is enough, it waits for the tool and passes its exit code on.</summary>
    public static ProcessStartInfo ForTool(string executable, IEnumerable<string> arguments)
    {
        var info = IsRoot ? new ProcessStartInfo("runuser") : new ProcessStartInfo(executable);
        if (IsRoot)
        {
            foreach (var part in new[] { "-u", Postgres, "--", executable })
            {
                info.ArgumentList.Add(part);
            }
        }

        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        return info;
    }

    /// <summary>Hands a directory we created to the server user, and lets it walk down to it (e.g. through /root/…).</summary>
    public static async Task GiveToServerUserAsync(string path, CancellationToken cancellationToken)
    {
        if (!IsRoot)
        {
            return;
        }

        var chown = await RunAsync(new ProcessStartInfo("chown") { ArgumentList = { "-R", $"{Postgres}:{Postgres}", path } }, cancellationToken);
        if (chown.ExitCode != 0)
        {
            throw new InvalidOperationException($"chown {path} failed: {chown.Output}");
        }

        for (var dir = Directory.GetParent(Path.GetFullPath(path)); dir is not null; dir = dir.Parent)
        {
            var mode = File.GetUnixFileMode(dir.FullName);
            if ((mode & UnixFileMode.OtherExecute) == 0)
            {
                File.SetUnixFileMode(dir.FullName, mode | UnixFileMode.OtherExecute);
            }
        }
    }

    public static async Task<(int ExitCode, string Output)> RunAsync(ProcessStartInfo info, CancellationToken cancellationToken)
    {
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {info.FileName}");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        return (process.ExitCode, (await stdout + await stderr).Trim());
    }
}
