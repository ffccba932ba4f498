using System.Buffers;

namespace PairTuner.Core.Formats;

/// <summary>
/// Reads a stream line by line as raw UTF-8 bytes, without decoding, through one pooled buffer:
/// memory is bounded by the longest line allowed, never by the file. Handles LF and CRLF. A line
/// longer than the limit is skipped to its end and reported through <see cref="CurrentTooLong"/>.
/// </summary>
public sealed class Utf8LineReader : IDisposable
{
    private readonly Stream _stream;
    private readonly int _maxLineBytes;
    private byte[] _buffer;
    private int _start;
    private int _end;
    private int _scanned;
    private bool _eof;
    private bool _discarding;

    public Utf8LineReader(Stream stream, int maxLineBytes, int initialBufferBytes = 1 << 16)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _stream = stream;
        _maxLineBytes = maxLineBytes;
        _buffer = ArrayPool<byte>.Shared.Rent(Math.Min(initialBufferBytes, maxLineBytes + 2));
    }

    /// <summary>The current line without its line end; valid until the next read.</summary>
    public ReadOnlyMemory<byte> Current { get; private set; }

    /// <summary>1-based number of the current line.</summary>
    public long LineNumber { get; private set; }

    /// <summary>True when the current line was longer than the limit; <see cref="Current"/> is then empty.</summary>
    public bool CurrentTooLong { get; private set; }

    /// <summary>
    /// Moves to the next line when it is already in the buffer; false when finding it takes a
    /// read (call <see cref="ReadLineAsync"/> then). Most lines are found so, without the cost
    /// of an asynchronous call per line.
    /// </summary>
    public bool TryReadBufferedLine()
    {
        var newline = _buffer.AsSpan(_scanned, _end - _scanned).IndexOf((byte)'\n');
        if (newline < 0)
        {
            _scanned = _end;
            return false;
        }

        var lineEnd = _scanned + newline;
        Emit(_start, lineEnd);
        _start = lineEnd + 1;
        _scanned = _start;
        return true;
    }

    public async ValueTask<bool> ReadLineAsync(CancellationToken cancellationToken = default)
    {
        while (true)
        {
            if (TryReadBufferedLine())
            {
                return true;
            }

            if (_eof)
            {
                if (_start < _end || _discarding)
                {
                    Emit(_start, _end);
                    _start = _end;
                    return true;
                }

                Current = ReadOnlyMemory<byte>.Empty;
                return false;
            }

            MakeRoom();
            var read = await _stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                _eof = true;
            }

            _end += read;
        }
    }

    public void Dispose()
    {
        if (_buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = [];
        }
    }

    private void Emit(int start, int end)
    {
        LineNumber++;
        if (_discarding)
        {
            _discarding = false;
            CurrentTooLong = true;
            Current = ReadOnlyMemory<byte>.Empty;
            return;
        }

        if (end > start && _buffer[end - 1] == (byte)'\r')
        {
            end--;
        }

        CurrentTooLong = false;
        Current = _buffer.AsMemory(start, end - start);
    }

    private void MakeRoom()
    {
        if (_discarding)
        {
            // Inside an over-long line: nothing before the next line end is kept.
            _start = _end = _scanned = 0;
            return;
        }

        var pending = _end - _start;
        if (pending > _maxLineBytes + 1)
        {
            _discarding = true;
            _start = _end = _scanned = 0;
            return;
        }

        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, pending);
            _start = 0;
            _end = pending;
            _scanned = pending;
        }

        if (_end == _buffer.Length)
        {
            var bigger = ArrayPool<byte>.Shared.Rent(Math.Min(_buffer.Length * 2, _maxLineBytes + 2 + (1 << 16)));
            Buffer.BlockCopy(_buffer, 0, bigger, 0, _end);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = bigger;
        }
    }
}
