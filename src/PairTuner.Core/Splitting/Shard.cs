using PairTuner.Core.Formats;
using PairTuner.Core.Sharding;
using PairTuner.Core.Validation;

namespace PairTuner.Core.Splitting;

/// <summary>
/// A normalized shard in memory, as ingest builds it or as the fan-out reads it back: the shard
/// file's bytes, and per line where it is, whether it has a score of its own and its texts'
/// fingerprints (to count eval texts that are also in train). The split copies each line as it
/// is, so the bytes ingest wrote are the bytes train and eval get. Lines are plain structs over
/// one buffer rather than objects: a shard outlives many collections, and objects by the
/// thousand would make each of them slow.
/// </summary>
internal sealed class Shard(int capacityBytes = 0, int capacityLines = 0)
{
    private byte[] _bytes = new byte[Math.Max(capacityBytes, 256)];
    private int _written;
    private readonly List<Line> _lines = new(capacityLines);

    public int Count => _lines.Count;

    /// <summary>The shard file's size in bytes.</summary>
    public int Bytes => _written;

    public bool HasScore(int index) => _lines[index].HasScore;

    public ulong Text1(int index) => _lines[index].Text1;

    public ulong Text2(int index) => _lines[index].Text2;

    /// <summary>Line <paramref name="index"/> without its newline.</summary>
    public ReadOnlySpan<byte> Json(int index) => _bytes.AsSpan(_lines[index].Start, _lines[index].Length);

    /// <summary>Appends a line (without its newline) of a pair whose texts have the fingerprints <paramref name="text1"/> and <paramref name="text2"/>.</summary>
    public void Add(ReadOnlySpan<byte> json, bool hasScore, ulong text1, ulong text2)
    {
        if (_written + json.Length + 1 > _bytes.Length)
        {
            Array.Resize(ref _bytes, Math.Max(_bytes.Length * 2, _written + json.Length + 1));
        }

        _lines.Add(new Line(_written, json.Length, hasScore, text1, text2));
        json.CopyTo(_bytes.AsSpan(_written));
        _written += json.Length;
        _bytes[_written++] = (byte)'\n';
    }

    /// <summary>The shard file's bytes, as a stream to hand to a store.</summary>
    public Stream OpenRead() => new MemoryStream(_bytes, 0, _written, writable: false);

    public static async Task<Shard> ReadAsync(Stream stream, string name, CancellationToken cancellationToken)
    {
        var shard = new Shard(stream.CanSeek ? (int)Math.Min(stream.Length, Array.MaxLength) : 0);
        var lines = new Utf8LineReader(stream, 1 << 30);
        while (await lines.ReadLineAsync(cancellationToken).ConfigureAwait(false))
        {
            if (!lines.Current.IsEmpty)
            {
                var pair = PairJsonLines.ToPair(JsonPairParser.Parse(lines.Current.Span, name, lines.LineNumber));
                shard.Add(lines.Current.Span, pair.Score is not null, PairFingerprint.OfText(pair.Text1), PairFingerprint.OfText(pair.Text2));
            }
        }

        return shard;
    }

    private readonly record struct Line(int Start, int Length, bool HasScore, ulong Text1, ulong Text2);
}
