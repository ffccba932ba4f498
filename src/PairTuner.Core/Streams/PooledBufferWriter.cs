using System.Buffers;

namespace PairTuner.Core.Streams;

/// <summary>
/// An <see cref="IBufferWriter{T}"/> over arrays rented from <see cref="ArrayPool{T}.Shared"/>:
/// blocks of lines are built many times per file, and renting keeps them from churning the
/// heap. Buffers over <see cref="LargestPooled"/> (whole shards, their train and eval files) come
/// from a small pool of their own that keeps at most a few of each size: reusing them saves
/// faulting in fresh pages for every shard, and memory stays a few shards whatever the file size.
/// Return it with <see cref="Dispose"/>.
/// </summary>
public sealed class PooledBufferWriter : IBufferWriter<byte>, IDisposable
{
    /// <summary>The largest buffer taken from and given back to the shared pool (1 MiB).</summary>
    public const int LargestPooled = 1 << 20;

    // The largest buffer the shard pool keeps (1 GiB); anything larger is a plain array.
    private const int LargestShardPooled = 1 << 30;

    // At most four arrays per power-of-two size: two shards being written, one being split, one built.
    private static readonly ArrayPool<byte> ShardPool = ArrayPool<byte>.Create(LargestShardPooled, 4);

    private byte[] _buffer;
    private int _written;

    public PooledBufferWriter(int initialCapacity = 1 << 12)
    {
        _buffer = Rent(Math.Max(initialCapacity, 16));
    }

    public int WrittenCount => _written;

    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, _written);

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Reserve(sizeHint);
        return _buffer.AsMemory(_written);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Reserve(sizeHint);
        return _buffer.AsSpan(_written);
    }

    public void Advance(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (count > _buffer.Length - _written)
        {
            throw new InvalidOperationException("Advanced past the end of the buffer.");
        }

        _written += count;
    }

    public void Write(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(GetSpan(bytes.Length));
        _written += bytes.Length;
    }

    /// <summary>The bytes written, to change in place (valid until the next write).</summary>
    public Span<byte> WrittenSpanToEdit => _buffer.AsSpan(0, _written);

    /// <summary>Forgets what was written and keeps the buffer for reuse.</summary>
    public void Clear() => _written = 0;

    /// <summary>Keeps only the first <paramref name="length"/> bytes written.</summary>
    public void Truncate(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(length, _written);
        _written = length;
    }

    /// <summary>A read-only stream over the bytes written (no copy); valid until the writer changes.</summary>
    public Stream OpenRead() => new MemoryStream(_buffer, 0, _written, writable: false);

    public void Dispose()
    {
        if (_buffer.Length > 0)
        {
            Return(_buffer);
            _buffer = [];
            _written = 0;
        }
    }

    private void Reserve(int sizeHint)
    {
        var needed = Math.Max(sizeHint, 1);
        if (_buffer.Length - _written >= needed)
        {
            return;
        }

        if ((long)_written + needed > Array.MaxLength)
        {
            throw new InvalidDataException($"A buffer of more than {Array.MaxLength:N0} bytes was needed; use smaller shards.");
        }

        var size = (int)Math.Min(Math.Max((long)_buffer.Length * 2, (long)_written + needed), Array.MaxLength);
        var bigger = Rent(size);
        _buffer.AsSpan(0, _written).CopyTo(bigger);
        Return(_buffer);
        _buffer = bigger;
    }

    private static byte[] Rent(int size) => size switch
    {
        <= LargestPooled => ArrayPool<byte>.Shared.Rent(size),
        <= LargestShardPooled => ShardPool.Rent(size),
        _ => GC.AllocateUninitializedArray<byte>(size),
    };

    private static void Return(byte[] buffer)
    {
        switch (buffer.Length)
        {
            case <= LargestPooled:
                ArrayPool<byte>.Shared.Return(buffer);
                break;
            case <= LargestShardPooled:
                ShardPool.Return(buffer);
                break;
        }
    }
}
