using PairTuner.Core.Pairs;
using PairTuner.Core.Splitting;
using PairTuner.Core.Storage;

namespace PairTuner.Core.Sharding;

/// <summary>
/// Cuts the accepted pairs into shards of at most <c>shardSize</c> pairs, written as
/// <c>{runPrefix}shards/{k}.jsonl</c>. A shard is built in memory (shardSize bounds it, as it
/// bounds the fan-out's memory) and written to the store in one piece; a caller that wants it
/// (the local pipeline, which splits it at once) is handed the shard instead of reading it back.
/// </summary>
internal sealed class ShardWriter : IDisposable
{
    private readonly IArtifactStore _store;
    private readonly string _runPrefix;
    private readonly int _shardSize;
    private readonly Func<int, Shard, Task>? _shardWritten;
    private readonly PairJsonLinesWriter _lines = new();
    private readonly List<string> _paths = [];
    private Shard _shard = new();

    /// <param name="shardWritten">Called with each shard once it is in the store.</param>
    public ShardWriter(IArtifactStore store, string runPrefix, int shardSize, Func<int, Shard, Task>? shardWritten = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(shardSize);
        _store = store;
        _runPrefix = RunArtifacts.Prefix(runPrefix);
        _shardSize = shardSize;
        _shardWritten = shardWritten;
    }

    /// <summary>True when the shard being built has <c>shardSize</c> pairs and <see cref="FlushAsync"/> must be called.</summary>
    public bool IsFull => _shard.Count == _shardSize;

    public void Add(Pair pair) => _shard.Add(_lines.Format(pair), pair.Score is not null, pair.Text1, pair.Text2);

    /// <summary>Writes the shard being built (if it has pairs) and starts the next.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        if (_shard.Count == 0)
        {
            return;
        }

        var (index, shard) = (_paths.Count, _shard);
        var path = RunArtifacts.Shard(_runPrefix, index);
        _paths.Add(path);

        // Shards are about the same size: the next one starts big enough to need no regrowing.
        _shard = new Shard(shard.Bytes + (shard.Bytes / 8));
        using (var content = shard.OpenRead())
        {
            await _store.WriteAsync(path, content, cancellationToken).ConfigureAwait(false);
        }

        if (_shardWritten is not null)
        {
            await _shardWritten(index, shard).ConfigureAwait(false);
        }
    }

    /// <summary>Writes the last, partial shard; returns every shard path written.</summary>
    public async Task<IReadOnlyList<string>> CompleteAsync(CancellationToken cancellationToken)
    {
        await FlushAsync(cancellationToken).ConfigureAwait(false);
        return [.. _paths];
    }

    /// <summary>Removes the shards written so far (a file that turned out fatal leaves no half data behind).</summary>
    public async Task DeleteWrittenAsync(CancellationToken cancellationToken)
    {
        foreach (var path in _paths)
        {
            await _store.DeleteAsync(path, cancellationToken).ConfigureAwait(false);
        }

        _paths.Clear();
    }

    public void Dispose() => _lines.Dispose();
}
