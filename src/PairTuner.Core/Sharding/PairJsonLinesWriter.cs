using System.Buffers;
using System.Text.Json;
using PairTuner.Core.Pairs;
using PairTuner.Core.Serialization;

namespace PairTuner.Core.Sharding;

/// <summary>
/// Writes normalized pairs as JSON Lines, one <c>{"text1","text2","score","negative","group"}</c>
/// object per line (absent fields left out, non-ASCII kept as UTF-8). It writes either to a
/// stream through a reused buffer, or straight into a caller's buffer (ingest's blocks).
/// Strings and UTF-8 spans of the same text give the same bytes: one writer, one escaping.
/// </summary>
public sealed class PairJsonLinesWriter : IDisposable
{
    private const int FlushBytes = 1 << 16;

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JsonTextEscaping.Encoder,
        SkipValidation = true,
    };

    private readonly Stream? _stream;
    private readonly ArrayBufferWriter<byte>? _pending;
    private readonly IBufferWriter<byte> _output;
    private readonly Utf8JsonWriter _json;

    /// <summary>Writes to <paramref name="stream"/>, in 64 KB pieces and on <see cref="Flush"/>/<see cref="Dispose"/>.</summary>
    public PairJsonLinesWriter(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _stream = stream;
        _pending = new ArrayBufferWriter<byte>(FlushBytes * 2);
        _output = _pending;
        _json = new Utf8JsonWriter(_output, WriterOptions);
    }

    /// <summary>Writes each line straight into <paramref name="output"/> as it is written.</summary>
    public PairJsonLinesWriter(IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        _output = output;
        _json = new Utf8JsonWriter(_output, WriterOptions);
    }

    public long Count { get; private set; }

    public void Write(Pair pair)
    {
        ArgumentNullException.ThrowIfNull(pair);
        _json.WriteStartObject();
        _json.WriteString("text1"u8, pair.Text1);
        _json.WriteString("text2"u8, pair.Text2);
        if (pair.Score is { } score)
        {
            _json.WriteNumber("score"u8, score);
        }

        if (pair.Negative is not null)
        {
            _json.WriteString("negative"u8, pair.Negative);
        }

        if (pair.Group is not null)
        {
            _json.WriteString("group"u8, pair.Group);
        }

        EndLine();
    }

    /// <summary>
    /// The same line from valid UTF-8 texts; an empty <paramref name="negative"/> or
    /// <paramref name="group"/> is left out. <paramref name="textsPlain"/>: the caller already
    /// knows text1 and text2 need no escaping (<see cref="JsonTextEscaping.IsPlain"/>).
    /// </summary>
    public void Write(ReadOnlySpan<byte> text1, ReadOnlySpan<byte> text2, double? score, ReadOnlySpan<byte> negative, ReadOnlySpan<byte> group, bool textsPlain = false)
    {
        // Texts made only of characters the encoder leaves alone are copied straight; anything
        // else (control characters, quotes, characters beyond the BMP) goes through its escaping.
        if ((textsPlain || (JsonTextEscaping.IsPlain(text1) && JsonTextEscaping.IsPlain(text2)))
            && JsonTextEscaping.IsPlain(negative)
            && JsonTextEscaping.IsPlain(group))
        {
            WritePlain(text1, text2, score, negative, group);
            return;
        }

        _json.WriteStartObject();
        _json.WriteString("text1"u8, text1);
        _json.WriteString("text2"u8, text2);
        if (score is { } value)
        {
            _json.WriteNumber("score"u8, value);
        }

        if (!negative.IsEmpty)
        {
            _json.WriteString("negative"u8, negative);
        }

        if (!group.IsEmpty)
        {
            _json.WriteString("group"u8, group);
        }

        EndLine();
    }

    /// <summary>Hands the buffered lines to the stream (nothing to do when writing into a caller's buffer).</summary>
    public void Flush()
    {
        if (_stream is not null && _pending is not null)
        {
            _stream.Write(_pending.WrittenSpan);
            _pending.ResetWrittenCount();
        }
    }

    public void Dispose()
    {
        Flush();
        _json.Dispose();
    }

    private void WritePlain(ReadOnlySpan<byte> text1, ReadOnlySpan<byte> text2, double? score, ReadOnlySpan<byte> negative, ReadOnlySpan<byte> group)
    {
        var line = _output.GetSpan(text1.Length + text2.Length + negative.Length + group.Length + 96);
        var at = Put(line, 0, "{\"text1\":\""u8);
        at = Put(line, at, text1);
        at = Put(line, at, "\",\"text2\":\""u8);
        at = Put(line, at, text2);
        at = Put(line, at, "\""u8);
        if (score is { } value)
        {
            at = Put(line, at, ",\"score\":"u8);
            at += ShortestDouble.Format(value, line[at..]);
        }

        if (!negative.IsEmpty)
        {
            at = Put(line, at, ",\"negative\":\""u8);
            at = Put(line, at, negative);
            at = Put(line, at, "\""u8);
        }

        if (!group.IsEmpty)
        {
            at = Put(line, at, ",\"group\":\""u8);
            at = Put(line, at, group);
            at = Put(line, at, "\""u8);
        }

        at = Put(line, at, "}\n"u8);
        _output.Advance(at);
        LineWritten();
    }

    private static int Put(Span<byte> line, int at, ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(line[at..]);
        return at + bytes.Length;
    }

    private void EndLine()
    {
        _json.WriteEndObject();
        _json.Flush();
        _output.GetSpan(1)[0] = (byte)'\n';
        _output.Advance(1);

        // One object per line: reset so the next object is a new top-level value, not a list item.
        _json.Reset();
        LineWritten();
    }

    private void LineWritten()
    {
        Count++;
        if (_pending is not null && _pending.WrittenCount >= FlushBytes)
        {
            Flush();
        }
    }
}
