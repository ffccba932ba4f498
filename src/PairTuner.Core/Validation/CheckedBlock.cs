using System.Buffers;
using PairTuner.Core.Streams;

namespace PairTuner.Core.Validation;

/// <summary>A block of records after <see cref="PairCheck"/>: their verdicts in file order and the usable ones' normalized lines.</summary>
internal sealed class CheckedBlock : IDisposable
{
    // Rented: a file is thousands of blocks, and their verdicts would be most of what ingest allocates.
    private PairVerdict[] _verdicts;

    // The rejected records' errors, rare: verdicts point into this by index.
    private List<RowError>? _errors;

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

    /// <summary>Adds a verdict with its error (rejected records); the error is kept beside the verdicts.</summary>
    public void Add(in PairVerdict verdict, RowError? error)
    {
        if (error is null)
        {
            Add(verdict);
            return;
        }

        (_errors ??= []).Add(error);
        ref var added = ref _verdicts[Count++];
        added = verdict;
        added.ErrorIndex = _errors.Count;
    }

    /// <summary>A rejected record.</summary>
    public void Reject(RowError error) => Add(PairVerdict.Rejected, error);

    /// <summary>The error of a verdict of this block; null when it has none.</summary>
    public RowError? ErrorOf(in PairVerdict verdict) => verdict.ErrorIndex == 0 ? null : _errors![verdict.ErrorIndex - 1];

    /// <summary>The normalized line (newline included) of a usable record of this block.</summary>
    public ReadOnlySpan<byte> LineOf(in PairVerdict verdict)
        => Lines is null ? [] : Lines.WrittenSpan.Slice(verdict.LineStart, verdict.LineLength);

    public void Dispose()
    {
        Lines?.Dispose();
        if (_verdicts.Length > 0)
        {
            ArrayPool<PairVerdict>.Shared.Return(_verdicts);
            _verdicts = [];
            Count = 0;
        }
    }
}
