using System.Diagnostics;
using PrivacyPortal.Tests.Infrastructure;

namespace PrivacyPortal.Tests.Audit;

/// <summary>Runs tools/verify-audit-trail.py (Python 3 and openssl, nothing of the portal's) and returns its exit code and output.</summary>
public static class IndependentVerifier
{
    private static readonly string Script = Repository.PathOf("tools", "verify-audit-trail.py");

    public static async Task<(int Code, string Output)> RunAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("python3") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Script);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, ((await output) + (await error)).Trim());
    }
}
