using PairTuner.Contracts.Runs;
using PairTuner.Contracts.Storage;
using PairTuner.Core.Pairs;
using PairTuner.Core.Splitting;

namespace PairTuner.Core.Sharding;

/// <summary>
/// Cuts the accepted pairs into shards of at most <c>shardSize</c> pairs, written as
/// <c>{runPrefix}shards/{k}.jsonl</c>. A shard is built in memory (shardSize bounds it, as it
/// bounds the fan-out's memory) and written to the store in one piece while the next one is built
/// (one write at a time, so at most two shards are in memory): reading the file, not writing it,
/// is then what the ingest takes. A caller that wants the shard (the local pipeline, which splits
/// it at once) is handed it instead of reading it back.
/// </summary>
internal sealed class ShardWriter : IAsyncDisposable
{
    private readonly IArtifactStore _store;
    private readonly string _runPrefix;
    private readonly int _shardSize;
    private readonly Func<int, Shard, Task>? _shardWritten;
    private readonly PairJsonLinesWriter _lines = new();
    private readonly List<string> _paths = [];
    private Shard _shard = new();
    private Task _writing = Task.CompletedTask;

    /// <param name="shardWritten">Called with each shard once it is in the store.</param>
    public ShardWriter(IArtifactStore store, string runPrefix, int shardSize, Func<int, Shard, Task>? shardWritten = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(shardSize);
        _store = store;
        _runPrefix = RunPaths.CheckPrefix(runPrefix);
        _shardSize = shardSize;
        _shardWritten = shardWritten;
    }

    /// <summary>True when the shard being built has <c>shardSize</c> pairs and <see cref="FlushAsync"/> must be called.</summary>
    public bool IsFull => _shard.Count == _shardSize;

    /// <summary>Adds <paramref name="pair"/>, whose texts have the fingerprints <paramref name="text1"/> and <paramref name="text2"/>.</summary>
    public void Add(Pair pair, ulong text1, ulong text2) => _shard.Add(_lines.Format(pair), pair.Score is not null, text1, text2);

    /// <summary>
    /// Starts writing the shard being built (if it has pairs) and starts the next; waits for the
    /// previous shard's write first, and rethrows its failure.
    /// </summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        if (_shard.Count == 0)
        {
            return;
        }

        await _writing.ConfigureAwait(false);
        var (index, shard) = (_paths.Count, _shard);
        var path = RunPaths.ShardUnder(_runPrefix, index);
        _paths.Add(path);

        // Shards are about the same size: the next one starts big enough to need no regrowing.
        _shard = new Shard(shard.Bytes + (shard.Bytes / 8), shard.Count);
        _writing = Task.Run(() => WriteAsync(index, path, shard, cancellationToken), cancellationToken);
    }

    /// <summary>Writes the last, partial shard and waits for every write; returns every shard path written.</summary>
    public async Task<IReadOnlyList<string>> CompleteAsync(CancellationToken cancellationToken)
    {
        await FlushAsync(cancellationToken).ConfigureAwait(false);
        await _writing.ConfigureAwait(false);
        return [.. _paths];
    }

    /// <summary>Removes the shards written so far (a file that turned out fatal leaves no half data behind).</summary>
    public async Task DeleteWrittenAsync(CancellationToken cancellationToken)
    {
        await _writing.ConfigureAwait(false);
        foreach (var path in _paths)
        {
            await _store.DeleteAsync(path, cancellationToken).ConfigureAwait(false);
        }

        _paths.Clear();
    }

    /// <summary>Waits for a write still running, so that nothing is written after ingest returned.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await _writing.ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Only reached when ingest is already leaving with an exception of its own (a
            // successful ingest awaited this write); that one is the one to report.
        }

        _lines.Dispose();
    }

    private async Task WriteAsync(int index, string path, Shard shard, CancellationToken cancellationToken)
    {
        using (var content = shard.OpenRead())
        {
            await _store.WriteAsync(path, content, cancellationToken).ConfigureAwait(false);
        }

        if (_shardWritten is not null)
        {
            await _shardWritten(index, shard).ConfigureAwait(false);
        }
    }
}
