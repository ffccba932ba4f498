using PairTuner.Core.Splitting;
using PairTuner.Core.Storage;
using PairTuner.Core.Validation;

namespace PairTuner.Core.Sharding;

/// <summary>
/// Cuts the accepted pairs into shards of at most <c>shardSize</c> pairs, written as
/// <c>{runPrefix}shards/{k}.jsonl</c>. A shard is built in memory (shardSize bounds it, as it
/// bounds the fan-out's memory) and written to the store in one piece; a caller that wants it
/// (the local pipeline, which splits it at once) is handed the shard instead of reading it back.
/// </summary>
internal sealed class ShardWriter : IAsyncDisposable
{
    private readonly IArtifactStore _store;
    private readonly string _runPrefix;
    private readonly int _shardSize;
    private readonly List<string> _paths = [];
    private readonly Func<int, ShardLines, Task>? _shardWritten;
    private const int MaxPendingWrites = 2;

    private readonly Queue<Task> _pending = new();
    private ShardLines _shard;

    /// <param name="shardWritten">
    /// Called with each shard once it is in the store; it then owns (and disposes) the shard. Its
    /// task holds the shard's write open, so a slow taker slows ingest instead of piling up shards.
    /// </param>
    public ShardWriter(IArtifactStore store, string runPrefix, int shardSize, Func<int, ShardLines, Task>? shardWritten = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(shardSize);
        _store = store;
        _runPrefix = RunArtifacts.Prefix(runPrefix);
        _shardSize = shardSize;
        _shardWritten = shardWritten;
        _shard = new ShardLines(capacityLines: Math.Min(shardSize, 1 << 16));
    }

    /// <summary>Adds an accepted pair's normalized line; true when the shard is full and <see cref="FlushAsync"/> must be called.</summary>
    public bool Add(ReadOnlySpan<byte> line, in PairVerdict verdict)
    {
        _shard.Add(line, verdict.HasScore, verdict.Text1Hash, verdict.Text2Hash);
        return IsFull;
    }

    /// <summary>True when the shard being built has <c>shardSize</c> pairs.</summary>
    public bool IsFull => _shard.Count == _shardSize;

    /// <summary>
    /// Takes back pairs just added: <paramref name="places"/> (ascending) count among the last
    /// <paramref name="recent"/> pairs added, all in the shard being built.
    /// </summary>
    public void Remove(int recent, ReadOnlySpan<int> places)
    {
        if (places.IsEmpty)
        {
            return;
        }

        var first = _shard.Count - recent;
        if (first < 0)
        {
            throw new InvalidOperationException($"{recent} pairs were not all added to the shard being built ({_shard.Count}).");
        }

        Span<int> lines = places.Length <= 256 ? stackalloc int[places.Length] : new int[places.Length];
        for (var i = 0; i < places.Length; i++)
        {
            lines[i] = first + places[i];
        }

        _shard.Remove(lines);
    }

    /// <summary>
    /// Starts writing the shard being built (if it has pairs) and starts the next. Writes run
    /// while reading goes on; at most <see cref="MaxPendingWrites"/> at once, so memory stays a
    /// few shards.
    /// </summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        if (_shard.Count == 0)
        {
            return;
        }

        var index = _paths.Count;
        var path = RunArtifacts.Shard(_runPrefix, index);
        _paths.Add(path);
        var shard = _shard;

        // Shards are about the same size: start the next one big enough to need no regrowing.
        _shard = new ShardLines(shard.Bytes + (shard.Bytes / 8), shard.Count);
        _pending.Enqueue(WriteAsync(index, path, shard, cancellationToken));
        while (_pending.Count > MaxPendingWrites)
        {
            await _pending.Dequeue().ConfigureAwait(false);
        }
    }

    /// <summary>Writes the last, partial shard and waits for every write; returns every shard path written.</summary>
    public async Task<IReadOnlyList<string>> CompleteAsync(CancellationToken cancellationToken)
    {
        await FlushAsync(cancellationToken).ConfigureAwait(false);
        await WaitForWritesAsync().ConfigureAwait(false);
        return _paths;
    }

    /// <summary>Removes the shards written so far (a file that turned out fatal leaves no half data behind).</summary>
    public async Task DeleteWrittenAsync(CancellationToken cancellationToken)
    {
        await WaitForWritesAsync().ConfigureAwait(false);
        foreach (var path in _paths)
        {
            await _store.DeleteAsync(path, cancellationToken).ConfigureAwait(false);
        }

        _paths.Clear();
    }

    /// <summary>Waits for writes still running (their errors were or will be reported elsewhere) and frees the shard being built.</summary>
    public async ValueTask DisposeAsync()
    {
        while (_pending.TryDequeue(out var write))
        {
            await write.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default).ConfigureAwait(false);
        }

        _shard.Dispose();
    }

    private async Task WriteAsync(int index, string path, ShardLines shard, CancellationToken cancellationToken)
    {
        // Off the reading thread: the caller goes on with the next shard.
        await Task.Yield();
        try
        {
            using (var content = shard.OpenRead())
            {
                await _store.WriteAsync(path, content, cancellationToken).ConfigureAwait(false);
            }
        }
        catch
        {
            shard.Dispose();
            throw;
        }

        if (_shardWritten is null)
        {
            shard.Dispose();
        }
        else
        {
            await _shardWritten(index, shard).ConfigureAwait(false);
        }
    }

    private async Task WaitForWritesAsync()
    {
        while (_pending.TryDequeue(out var write))
        {
            await write.ConfigureAwait(false);
        }
    }
}
