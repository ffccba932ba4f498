using PairTuner.Cli.Hosting;

namespace PairTuner.Bench.Hosting;

/// <summary>What <c>pairtuner-bench workflow</c> runs: how many pairs, how they are sharded, how often the watcher looks.</summary>
public sealed record WorkflowBenchmarkOptions
{
    /// <summary>Generated pairs to upload (at least 40: one batch plus eval pairs).</summary>
    public int Pairs { get; init; } = 10_000;

    /// <summary>Pairs per shard, set as the upload's <c>shardSize</c> metadata; the fan-out width is pairs / shard size.</summary>
    public int ShardSize { get; init; } = 50_000;

    /// <summary>The watcher's scan interval; <c>serve</c>'s default unless asked otherwise.</summary>
    public TimeSpan WatchInterval { get; init; } = PairsWatcher.DefaultInterval;

    /// <summary>
    /// Sends a small run through first, so the measured run meets a host that is up (leases taken,
    /// worker connected) and has run the code once, as a <c>serve</c> that has taken an upload.
    /// Off, the measured run also pays the host's start-up and the first compilation of every path.
    /// </summary>
    public bool WarmUp { get; init; } = true;
}
