using System.Buffers;
using PairTuner.Core.Streams;

namespace PairTuner.Core.Validation;

/// <summary>A block of records after <see cref="PairCheck"/>: their verdicts in file order and the usable ones' normalized lines.</summary>
internal sealed class CheckedBlock : IDisposable
{
    // Rented: a file is thousands of blocks, and their verdicts would be most of what ingest allocates.
    private PairVerdict[] _verdicts;

    public CheckedBlock(int capacity, int lineBytesHint, bool withLines)
    {
        _verdicts = ArrayPool<PairVerdict>.Shared.Rent(Math.Max(capacity, 1));
        Lines = withLines ? new PooledBufferWriter(lineBytesHint) : null;
    }

    public int Count { get; private set; }

    /// <summary>The normalized lines; null when the block was checked without writing them.</summary>
    public PooledBufferWriter? Lines { get; }

    public ref readonly PairVerdict this[int index] => ref _verdicts[index];

    public void Add(in PairVerdict verdict) => _verdicts[Count++] = verdict;

    /// <summary>The normalized line (newline included) of a usable record of this block.</summary>
    public ReadOnlySpan<byte> LineOf(in PairVerdict verdict)
        => Lines is null ? [] : Lines.WrittenSpan.Slice(verdict.LineStart, verdict.LineLength);

    public void Dispose()
    {
        Lines?.Dispose();
        if (_verdicts.Length > 0)
        {
            // Cleared as far as used: verdicts hold row errors, which the pool should not keep alive.
            _verdicts.AsSpan(0, Count).Clear();
            ArrayPool<PairVerdict>.Shared.Return(_verdicts);
            _verdicts = [];
            Count = 0;
        }
    }
}
