using System.Globalization;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace PairTuner.Workflow.Storage;

/// <summary>
/// Reads a blob front to back while the next ranges are already downloading, so a reader that
/// parses (Ingest, ScoreAndSplit) never waits for the network between two ranges, as it does with
/// the SDK's <c>OpenReadAsync</c>, which asks for the next range only when its buffer is empty.
/// Every range after the first is read under the first one's ETag: a blob replaced mid-read fails
/// the read (412) instead of mixing two versions.
/// </summary>
internal sealed class ReadAheadBlobStream : Stream
{
    private readonly BlobClient _blob;
    private readonly BlobReadOptions _options;
    private readonly Queue<Task<Chunk>> _pending = new();
    private readonly Stack<byte[]> _free = new();
    private readonly CancellationTokenSource _disposed = new();
    private readonly ETag _etag;
    private readonly long _length;
    private long _nextOffset;
    private long _position;
    private Chunk? _current;
    private int _currentRead;

    private ReadAheadBlobStream(BlobClient blob, BlobReadOptions options, Chunk first, ETag etag, long length)
    {
        _blob = blob;
        _options = options;
        _etag = etag;
        _length = length;
        _current = first;
        _nextOffset = first.Count;
    }

    /// <summary>Downloads the first range (which also tells the length and ETag) and starts the next ones.</summary>
    /// <exception cref="RequestFailedException">404 when the blob does not exist.</exception>
    public static async Task<ReadAheadBlobStream> OpenAsync(BlobClient blob, BlobReadOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(blob);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Response<BlobDownloadStreamingResult> response;
        try
        {
            response = await blob.DownloadStreamingAsync(
                new BlobDownloadOptions { Range = new HttpRange(0, options.RangeSize) }, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status == 416)
        {
            // A range of an empty blob is "not satisfiable": the blob is there and has no bytes.
            BlobProperties properties = await blob.GetPropertiesAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            return new ReadAheadBlobStream(blob, options, new Chunk([], 0), properties.ETag, properties.ContentLength);
        }

        using var result = response.Value;
        var length = TotalLength(result.Details);
        var first = new byte[(int)Math.Min(options.RangeSize, length)];
        var count = await ReadFullyAsync(result.Content, first, cancellationToken).ConfigureAwait(false);
        var stream = new ReadAheadBlobStream(blob, options, new Chunk(first, count), result.Details.ETag, length);
        stream.StartDownloads();
        return stream;
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    /// <summary>The blob's length when it was opened (readers use it to check file-size limits up front).</summary>
    public override long Length => _length;

    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException("A read-ahead blob stream reads front to back.");
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed.IsCancellationRequested, this);
        if (buffer.IsEmpty)
        {
            return 0;
        }

        while (_current is null || _currentRead == _current.Count)
        {
            if (_current is not null)
            {
                Recycle(_current);
                _current = null;
            }

            if (_pending.Count == 0)
            {
                return 0;
            }

            _current = await _pending.Dequeue().WaitAsync(cancellationToken).ConfigureAwait(false);
            _currentRead = 0;
            StartDownloads();
        }

        var n = Math.Min(buffer.Length, _current.Count - _currentRead);
        _current.Buffer.AsMemory(_currentRead, n).CopyTo(buffer);
        _currentRead += n;
        _position += n;
        return n;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        => ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count)
        => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException("A read-ahead blob stream reads front to back.");

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override async ValueTask DisposeAsync()
    {
        if (!_disposed.IsCancellationRequested)
        {
            await _disposed.CancelAsync().ConfigureAwait(false);
            await DrainAsync().ConfigureAwait(false);
            _disposed.Dispose();
        }

        await base.DisposeAsync().ConfigureAwait(false);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_disposed.IsCancellationRequested)
        {
            _disposed.Cancel();
            DrainAsync().GetAwaiter().GetResult();
            _disposed.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <summary>Waits for the downloads in flight (cancelled) so none writes into a buffer after the stream is gone.</summary>
    private async Task DrainAsync()
    {
        while (_pending.TryDequeue(out var task))
        {
            try
            {
                await task.ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or RequestFailedException or IOException or HttpRequestException or AggregateException)
            {
                // The reader stopped early; what the abandoned ranges did no longer matters.
            }
        }
    }

    private void StartDownloads()
    {
        while (_pending.Count < _options.RangesAhead && _nextOffset < _length)
        {
            var offset = _nextOffset;
            var count = (int)Math.Min(_options.RangeSize, _length - offset);
            _nextOffset += count;
            var buffer = _free.TryPop(out var free) && free.Length >= count ? free : new byte[_options.RangeSize];
            _pending.Enqueue(DownloadAsync(offset, count, buffer, _disposed.Token));
        }
    }

    private async Task<Chunk> DownloadAsync(long offset, int count, byte[] buffer, CancellationToken cancellationToken)
    {
        var response = await _blob.DownloadStreamingAsync(
            new BlobDownloadOptions { Range = new HttpRange(offset, count), Conditions = new BlobRequestConditions { IfMatch = _etag } },
            cancellationToken).ConfigureAwait(false);
        using var result = response.Value;
        var read = await ReadFullyAsync(result.Content, buffer.AsMemory(0, count), cancellationToken).ConfigureAwait(false);
        if (read != count)
        {
            throw new IOException(string.Create(CultureInfo.InvariantCulture, $"Blob '{_blob.Name}' ended at {offset + read:N0} bytes; it had {_length:N0} when opened."));
        }

        return new Chunk(buffer, count);
    }

    private void Recycle(Chunk chunk)
    {
        if (chunk.Buffer.Length == _options.RangeSize)
        {
            _free.Push(chunk.Buffer);
        }
    }

    private static async Task<int> ReadFullyAsync(Stream source, Memory<byte> target, CancellationToken cancellationToken)
    {
        var filled = 0;
        while (filled < target.Length)
        {
            var read = await source.ReadAsync(target[filled..], cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            filled += read;
        }

        return filled;
    }

    /// <summary>The blob's whole length from <c>Content-Range: bytes 0-N/LENGTH</c> (or the content length when the answer was not partial).</summary>
    private static long TotalLength(BlobDownloadDetails details)
    {
        var range = details.ContentRange;
        var slash = range?.LastIndexOf('/') ?? -1;
        return slash >= 0 && long.TryParse(range.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var total)
            ? total
            : details.ContentLength;
    }

    private sealed record Chunk(byte[] Buffer, int Count);
}
