using System.Runtime.InteropServices;

namespace AgentLocator.AppHost.Hosting;

/// <summary>
/// The few libc calls .NET does not expose: Process.Kill only sends SIGKILL, and children run in their
/// own process groups so that a whole tree (npm → sh → vite, runuser → initdb) can be signalled at once.
/// </summary>
internal static class Posix
{
    public const int SigInt = 2;
    public const int SigKill = 9;
    public const int SigTerm = 15;

    private const int Eperm = 1;

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    [DllImport("libc", EntryPoint = "geteuid")]
    private static extern uint GetEffectiveUserId();

    public static bool IsRoot => GetEffectiveUserId() == 0;

    /// <summary>Signals every process in the group led by <paramref name="groupId"/>.</summary>
    public static bool SignalGroup(int groupId, int signal) => groupId > 0 && Kill(-groupId, signal) == 0;

    public static bool IsGroupAlive(int groupId) => groupId > 0 && Exists(-groupId);

    public static bool IsProcessAlive(int pid) => pid > 0 && Exists(pid);

    // Signal 0 probes without delivering anything; EPERM still means "it exists".
    private static bool Exists(int target) => Kill(target, 0) == 0 || Marshal.GetLastPInvokeError() == Eperm;

    public static string SignalName(int signal) => signal switch
    {
        SigInt => "SIGINT",
        SigKill => "SIGKILL",
        SigTerm => "SIGTERM",
        _ => $"signal {signal}",
    };
}
