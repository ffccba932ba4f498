using System.Diagnostics;

namespace PairTuner.Cli.Tests.Hosting;

/// <summary>A <c>pairtuner run</c> process, its output read as it comes so the pipes never fill.</summary>
internal sealed class RunProcess(Process process, TimeSpan patience) : IDisposable
{
    private readonly Task<string> _output = process.StandardOutput.ReadToEndAsync();
    private readonly Task<string> _error = process.StandardError.ReadToEndAsync();

    public Process Process => process;

    /// <summary>Waits for the command to end (killing it past the deadline) and returns its exit code, stdout and stderr.</summary>
    public async Task<(int ExitCode, string Output, string Error)> EndAsync()
    {
        using (var timeout = new CancellationTokenSource(patience))
        {
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"pairtuner run did not end within {patience}:\n{await _error}");
            }
        }

        return (process.ExitCode, await _output, await _error);
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        process.Dispose();
    }
}
