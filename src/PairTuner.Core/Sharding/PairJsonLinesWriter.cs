using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using PairTuner.Core.Pairs;

namespace PairTuner.Core.Sharding;

/// <summary>
/// Formats normalized pairs as JSON Lines, one compact <c>{"text1","text2","score","negative","group"}</c>
/// object per line (absent fields left out, non-ASCII kept as UTF-8): the shards, train and eval files.
/// </summary>
public sealed class PairJsonLinesWriter : IDisposable
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        // Files, not HTML: keep accents and CJK readable instead of \uXXXX.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = true,
    };

    private readonly ArrayBufferWriter<byte> _line = new(1024);
    private readonly Utf8JsonWriter _json;

    public PairJsonLinesWriter()
    {
        _json = new Utf8JsonWriter(_line, WriterOptions);
    }

    /// <summary>The line of <paramref name="pair"/>, without its newline; valid until the next call.</summary>
    public ReadOnlySpan<byte> Format(Pair pair)
    {
        ArgumentNullException.ThrowIfNull(pair);
        _line.ResetWrittenCount();
        _json.Reset();
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
        return _line.WrittenSpan;
    }

    /// <summary>Writes the line of <paramref name="pair"/> and its newline to <paramref name="output"/>.</summary>
    public void Write(Stream output, Pair pair)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.Write(Format(pair));
        output.WriteByte((byte)'\n');
    }

    public void Dispose() => _json.Dispose();
}
