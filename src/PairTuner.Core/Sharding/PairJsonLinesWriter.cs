using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using PairTuner.Core.Pairs;

namespace PairTuner.Core.Sharding;

/// <summary>
/// Writes normalized pairs as JSON Lines, one <c>{"text1","text2","score","negative","group"}</c>
/// object per line (absent fields left out, non-ASCII kept as UTF-8), through a reused buffer.
/// </summary>
public sealed class PairJsonLinesWriter : IDisposable
{
    private const int FlushBytes = 1 << 16;

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        // Files, not HTML: keep accents and CJK readable instead of \uXXXX.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = true,
    };

    private readonly Stream _stream;
    private readonly ArrayBufferWriter<byte> _buffer = new(FlushBytes * 2);
    private readonly Utf8JsonWriter _json;

    public PairJsonLinesWriter(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _stream = stream;
        _json = new Utf8JsonWriter(_buffer, WriterOptions);
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

        _json.WriteEndObject();
        _json.Flush();
        _buffer.GetSpan(1)[0] = (byte)'\n';
        _buffer.Advance(1);

        // One object per line: reset so the next object is a new top-level value, not a list item.
        _json.Reset();
        Count++;
        if (_buffer.WrittenCount >= FlushBytes)
        {
            Flush();
        }
    }

    /// <summary>Hands the buffered lines to the stream.</summary>
    public void Flush()
    {
        _stream.Write(_buffer.WrittenSpan);
        _buffer.ResetWrittenCount();
    }

    public void Dispose()
    {
        Flush();
        _json.Dispose();
    }
}
