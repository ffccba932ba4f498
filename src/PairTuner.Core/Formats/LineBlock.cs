using PairTuner.Core.Streams;

namespace PairTuner.Core.Formats;

/// <summary>
/// A run of consecutive non-blank lines of a JSON Lines file with their line numbers, copied out
/// of the read buffer so that another core can parse them while the file reads on. Lines too
/// long to keep are recorded by number only.
/// </summary>
internal sealed class LineBlock : IDisposable
{
    /// <summary>About this many bytes per block: big enough that handing a block to another thread costs nothing, small enough to stay in cache.</summary>
    public const int TargetBytes = 1 << 17;

    // Its verdicts (under 80 bytes each, rented from the shared pool) stay under the large-object threshold.
    public const int MaxLines = 512;

    private readonly PooledBufferWriter _bytes = new(TargetBytes + (1 << 12));
    private readonly long[] _numbers = new long[MaxLines];
    private readonly int[] _starts = new int[MaxLines];
    private readonly int[] _lengths = new int[MaxLines];

    public int Count { get; private set; }

    public int LongestLine { get; private set; }

    public bool IsFull => Count == MaxLines || _bytes.WrittenCount >= TargetBytes;

    /// <summary>The block's bytes: a hint for sizing what is made of it.</summary>
    public int Bytes => _bytes.WrittenCount;

    public void Add(long number, ReadOnlySpan<byte> line)
    {
        _numbers[Count] = number;
        _starts[Count] = _bytes.WrittenCount;
        _lengths[Count] = line.Length;
        _bytes.Write(line);
        LongestLine = Math.Max(LongestLine, line.Length);
        Count++;
    }

    public void AddTooLong(long number)
    {
        _numbers[Count] = number;
        _starts[Count] = _bytes.WrittenCount;
        _lengths[Count] = -1;
        Count++;
    }

    public long Number(int index) => _numbers[index];

    public bool IsTooLong(int index) => _lengths[index] < 0;

    public ReadOnlySpan<byte> Line(int index) => _bytes.WrittenSpan.Slice(_starts[index], Math.Max(0, _lengths[index]));

    public void Dispose() => _bytes.Dispose();
}
