using PairTuner.Core.Pairs;
using PairTuner.Core.Storage;
using PairTuner.Core.Streams;

namespace PairTuner.Core.Sharding;

/// <summary>
/// Cuts the accepted pairs into shards of at most <c>shardSize</c> pairs, written as
/// <c>{runPrefix}shards/{k}.jsonl</c>. Each shard is spooled to a temporary file and written to the
/// store in one piece, so memory stays the same whatever the shard and text sizes.
/// </summary>
public sealed class ShardWriter : IAsyncDisposable
{
    private readonly IArtifactStore _store;
    private readonly string _runPrefix;
    private readonly int _shardSize;
    private readonly List<string> _paths = [];
    private readonly TempSpool _spool = new();
    private readonly PairJsonLinesWriter _writer;
    private readonly Action<int>? _shardWritten;
    private int _inShard;

    /// <param name="shardWritten">Called with the index of each shard once it is in the store, so a caller can start splitting it while ingest reads on.</param>
    public ShardWriter(IArtifactStore store, string runPrefix, int shardSize, Action<int>? shardWritten = null)
    {
        _shardWritten = shardWritten;
        ArgumentNullException.ThrowIfNull(store);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(shardSize);
        _store = store;
        _runPrefix = RunArtifacts.Prefix(runPrefix);
        _shardSize = shardSize;
        _writer = new PairJsonLinesWriter(_spool.Stream);
    }

    public IReadOnlyList<string> Paths => _paths;

    public async ValueTask AddAsync(Pair pair, CancellationToken cancellationToken)
    {
        _writer.Write(pair);
        if (++_inShard == _shardSize)
        {
            await FlushShardAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Writes the last, partial shard; returns every shard path written.</summary>
    public async Task<IReadOnlyList<string>> CompleteAsync(CancellationToken cancellationToken)
    {
        if (_inShard > 0)
        {
            await FlushShardAsync(cancellationToken).ConfigureAwait(false);
        }

        return _paths;
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

    public async ValueTask DisposeAsync()
    {
        _writer.Dispose();
        await _spool.DisposeAsync().ConfigureAwait(false);
    }

    private async Task FlushShardAsync(CancellationToken cancellationToken)
    {
        _writer.Flush();
        var path = RunArtifacts.Shard(_runPrefix, _paths.Count);
        await _spool.DrainAsync(content => _store.WriteAsync(path, content, cancellationToken)).ConfigureAwait(false);
        _paths.Add(path);
        _inShard = 0;
        _shardWritten?.Invoke(_paths.Count - 1);
    }
}
