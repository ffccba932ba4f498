using System.Diagnostics;

namespace PairTuner.Bench.Commands;

/// <summary>Samples the process working set and the managed heap on a timer and keeps the peaks.</summary>
internal sealed class MemorySampler : IDisposable
{
    private readonly Timer _timer;
    private readonly Process _process = Process.GetCurrentProcess();
    private readonly object _gate = new();

    public MemorySampler(TimeSpan interval)
    {
        Sample();
        _timer = new Timer(_ => Sample(), null, interval, interval);
    }

    public long PeakWorkingSet { get; private set; }

    public long PeakManaged { get; private set; }

    /// <summary>Largest heap left after any GC (heap size minus fragmentation): memory actually held, garbage excluded.</summary>
    public long PeakLiveAfterGc { get; private set; }

    public void Stop()
    {
        _timer.Change(Timeout.Infinite, Timeout.Infinite);
        Sample();
    }

    public void Dispose()
    {
        _timer.Dispose();
        _process.Dispose();
    }

    private void Sample()
    {
        lock (_gate)
        {
            _process.Refresh();
            PeakWorkingSet = Math.Max(PeakWorkingSet, _process.WorkingSet64);
            PeakManaged = Math.Max(PeakManaged, GC.GetTotalMemory(forceFullCollection: false));
            var info = GC.GetGCMemoryInfo(GCKind.Any);
            PeakLiveAfterGc = Math.Max(PeakLiveAfterGc, info.HeapSizeBytes - info.FragmentedBytes);
        }
    }
}
