namespace PairTuner.Core.Streams;

/// <summary>
/// Gives back bytes already read (the head used to sniff the format) before the rest of a stream
/// that cannot seek, such as a blob download.
/// </summary>
public sealed class ReplayStream : Stream
{
    private readonly ReadOnlyMemory<byte> _head;
    private readonly Stream _rest;
    private int _headPosition;

    public ReplayStream(ReadOnlyMemory<byte> head, Stream rest)
    {
        ArgumentNullException.ThrowIfNull(rest);
        _head = head;
        _rest = rest;
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var fromHead = TakeHead(buffer);
        return fromHead > 0 ? fromHead : _rest.Read(buffer);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        => ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var fromHead = TakeHead(buffer.Span);
        return fromHead > 0 ? ValueTask.FromResult(fromHead) : _rest.ReadAsync(buffer, cancellationToken);
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private int TakeHead(Span<byte> buffer)
    {
        var left = _head.Length - _headPosition;
        if (left <= 0 || buffer.IsEmpty)
        {
            return 0;
        }

        var n = Math.Min(left, buffer.Length);
        _head.Span.Slice(_headPosition, n).CopyTo(buffer);
        _headPosition += n;
        return n;
    }
}
