namespace PairTuner.Core.Formats;

/// <summary>
/// Reads a stream line by line as raw UTF-8 bytes (LF or CRLF), so that memory is bounded by the
/// longest line allowed, never by the file: a line longer than the limit is skipped to its end
/// and reported through <see cref="CurrentTooLong"/>.
/// </summary>
public sealed class Utf8LineReader(Stream stream, int maxLineBytes)
{
    private byte[] _buffer = new byte[Math.Min(1 << 16, maxLineBytes + 2)];
    private int _start;
    private int _end;
    private bool _eof;
    private bool _discarding;

    /// <summary>The current line without its line end; valid until the next read.</summary>
    public ReadOnlyMemory<byte> Current { get; private set; }

    /// <summary>1-based number of the current line.</summary>
    public long LineNumber { get; private set; }

    /// <summary>True when the current line was longer than the limit; <see cref="Current"/> is then empty.</summary>
    public bool CurrentTooLong { get; private set; }

    public async ValueTask<bool> ReadLineAsync(CancellationToken cancellationToken = default)
    {
        var scanned = _start;
        while (true)
        {
            var newline = Array.IndexOf(_buffer, (byte)'\n', scanned, _end - scanned);
            if (newline >= 0)
            {
                Emit(newline);
                _start = newline + 1;
                return true;
            }

            if (_eof)
            {
                if (_start == _end && !_discarding)
                {
                    return false;
                }

                Emit(_end);
                _start = _end;
                return true;
            }

            // A line (without its CR) longer than the limit: keep nothing of it until its end.
            if (_discarding || _end - _start > maxLineBytes + 1)
            {
                _discarding = true;
                _start = _end = 0;
            }
            else if (_end == _buffer.Length)
            {
                var pending = _end - _start;
                var target = pending < _buffer.Length / 2 ? _buffer : new byte[Math.Min(_buffer.Length * 2, maxLineBytes + 2)];
                Array.Copy(_buffer, _start, target, 0, pending);
                (_buffer, _start, _end) = (target, 0, pending);
            }

            scanned = _end;
            var read = await stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken).ConfigureAwait(false);
            _eof = read == 0;
            _end += read;
        }
    }

    private void Emit(int lineEnd)
    {
        LineNumber++;
        CurrentTooLong = _discarding;
        _discarding = false;
        var length = lineEnd - _start;
        if (length > 0 && _buffer[lineEnd - 1] == (byte)'\r')
        {
            length--;
        }

        CurrentTooLong |= length > maxLineBytes;
        Current = CurrentTooLong ? ReadOnlyMemory<byte>.Empty : _buffer.AsMemory(_start, length);
    }
}
