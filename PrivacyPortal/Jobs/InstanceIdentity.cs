using System.Diagnostics;

namespace PrivacyPortal.Jobs;

/// <summary>
/// Names this process in claims ("machine:pid:nonce") and tells when the holder of a claim is provably gone: a process on
/// this machine that no longer runs, or this process's own previous incarnation (a container restarts as PID 1 again).
/// A holder on another machine is never judged here: its lease decides.
/// </summary>
public static class InstanceIdentity
{
    private static readonly string Nonce = Guid.NewGuid().ToString("N");

    public static string Current { get; } = $"{Environment.MachineName}:{Environment.ProcessId}:{Nonce}";

    public static bool IsGone(string? holder)
    {
        var parts = holder?.Split(':');
        if (parts is not { Length: 3 } || parts[0] != Environment.MachineName || !int.TryParse(parts[1], out var pid))
        {
            return false;
        }
        if (pid == Environment.ProcessId)
        {
            return parts[2] != Nonce;
        }
        try
        {
            using var process = Process.GetProcessById(pid);
            return process.HasExited;
        }
        catch (ArgumentException)
        {
            return true; // no process has that id
        }
    }
}
