using System.Runtime.InteropServices;

namespace PairTuner.Cli.Hosting;

/// <summary>
/// SIGINT (Ctrl+C) and SIGTERM (<c>kill</c>, systemd, Docker, CI) for <c>serve</c> and <c>run</c>:
/// the first one cancels <see cref="Token"/> and the command stops its trainers, its task hub and
/// its Azurite, taking as long as that takes (System.CommandLine's own handling, switched off for
/// these commands in Program.cs, ends the process 2 s after the signal, mid-cleanup). A second
/// signal is not held back: the process ends at once, and the next start cleans up after it.
/// </summary>
internal sealed class StopSignals : IDisposable
{
    private readonly CancellationTokenSource _stop;
    private readonly PosixSignalRegistration _interrupt;
    private readonly PosixSignalRegistration _terminate;
    private int _received;

    public StopSignals(CancellationToken alsoOn)
    {
        _stop = CancellationTokenSource.CreateLinkedTokenSource(alsoOn);
        _interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        _terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
    }

    /// <summary>The commands that stop through this class rather than System.CommandLine's handler.</summary>
    public static IReadOnlySet<string> Commands { get; } = new HashSet<string>(StringComparer.Ordinal) { "serve", "run" };

    public CancellationToken Token => _stop.Token;

    public void Dispose()
    {
        _interrupt.Dispose();
        _terminate.Dispose();
        _stop.Dispose();
    }

    private void OnSignal(PosixSignalContext context)
    {
        if (Interlocked.Increment(ref _received) > 1)
        {
            return;
        }

        context.Cancel = true;
        Console.Error.WriteLine($"{context.Signal}: stopping (trainers, task hub, Azurite); send it again to end at once.");
        _stop.Cancel();
    }
}
