namespace PairTuner.Core.Streams;

/// <summary>
/// A temporary file that collects one artifact before it is written to the store in one piece:
/// stores write whole artifacts, and a shard is kept on disk rather than in memory so memory
/// does not grow with the length of the texts. Deleted when disposed.
/// </summary>
public sealed class TempSpool : IAsyncDisposable, IDisposable
{
    private readonly FileStream _file;

    public TempSpool()
    {
        var path = Path.Combine(Path.GetTempPath(), "pairtuner-" + Guid.NewGuid().ToString("N") + ".spool");
        _file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose);
    }

    /// <summary>Where to write the artifact's bytes.</summary>
    public Stream Stream => _file;

    public long Length => _file.Length;

    /// <summary>Hands the bytes written so far to <paramref name="write"/>, then empties the spool for the next artifact.</summary>
    public async Task DrainAsync(Func<Stream, Task> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        await _file.FlushAsync().ConfigureAwait(false);
        _file.Position = 0;
        var length = _file.Length;
        using (var view = new SubStream(_file, length))
        {
            await write(view).ConfigureAwait(false);
        }

        _file.SetLength(0);
        _file.Position = 0;
    }

    public void Dispose() => _file.Dispose();

    public ValueTask DisposeAsync() => _file.DisposeAsync();

    /// <summary>A read-only, non-closing view of the first bytes of the spool.</summary>
    private sealed class SubStream(Stream inner, long length) : Stream
    {
        private long _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => length;

        public override long Position
        {
            get => _position;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var n = inner.Read(buffer[..(int)Math.Min(buffer.Length, length - _position)]);
            _position += n;
            return n;
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var n = await inner.ReadAsync(buffer[..(int)Math.Min(buffer.Length, length - _position)], cancellationToken).ConfigureAwait(false);
            _position += n;
            return n;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
            => ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
