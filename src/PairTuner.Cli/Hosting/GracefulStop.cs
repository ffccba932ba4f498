using System.Diagnostics;
using System.Runtime.InteropServices;

namespace PairTuner.Cli.Hosting;

/// <summary>
/// Stops a process the way a person would: SIGTERM, a grace period, then kill. Azurite needs it:
/// it saves its tables, queues and blob index to disk periodically and on SIGTERM, so a plain kill
/// loses the last seconds of writes (a run's newest work items among them) and a run that
/// should resume on the next start hangs instead.
/// </summary>
internal static class GracefulStop
{
    private const int SigTerm = 15;

    public static async Task StopAsync(Process process, TimeSpan grace)
    {
        ArgumentNullException.ThrowIfNull(process);
        if (process.HasExited)
        {
            return;
        }

        if (!OperatingSystem.IsWindows() && Kill(process.Id, SigTerm) == 0)
        {
            using var wait = new CancellationTokenSource(grace);
            try
            {
                await process.WaitForExitAsync(wait.Token).ConfigureAwait(false);
                return;
            }
            catch (OperationCanceledException)
            {
                // Did not stop in time: kill below.
            }
        }

        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Exited between the check and the kill.
        }

        await process.WaitForExitAsync().ConfigureAwait(false);
    }

    // DllImport rather than LibraryImport: the generated marshalling needs unsafe code, and two ints need none.
    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Kill(int pid, int signal);
}
