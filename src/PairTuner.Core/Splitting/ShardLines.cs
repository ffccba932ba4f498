using System.Globalization;
using System.IO.Hashing;
using System.Text.Json;

namespace PairTuner.Core.Splitting;

/// <summary>
/// A normalized shard held as its raw UTF-8 lines, so scoring and splitting work on bytes: no
/// string per text, no re-encoding. Each line is one compact JSON object as
/// <see cref="Sharding.PairJsonLinesWriter"/> writes it. Memory is the shard's size.
/// </summary>
internal sealed class ShardLines
{
    private readonly byte[] _bytes;
    private readonly int[] _starts;
    private readonly int[] _ends;

    private ShardLines(byte[] bytes, int[] starts, int[] ends, bool[] hasScore, ulong[] text1, ulong[] text2)
    {
        _bytes = bytes;
        _starts = starts;
        _ends = ends;
        HasScore = hasScore;
        Text1Hashes = text1;
        Text2Hashes = text2;
    }

    public int Count => _starts.Length;

    public bool[] HasScore { get; }

    /// <summary>XXH3 of each text1's JSON string bytes as written: equal texts, equal bytes, since one writer wrote them all.</summary>
    public ulong[] Text1Hashes { get; }

    public ulong[] Text2Hashes { get; }

    public static async Task<ShardLines> ReadAsync(Stream stream, string name, CancellationToken cancellationToken)
    {
        var (bytes, length) = await ReadAllBytesAsync(stream, cancellationToken).ConfigureAwait(false);

        var starts = new List<int>();
        var ends = new List<int>();
        for (var start = 0; start < length;)
        {
            var newline = bytes.AsSpan(start, length - start).IndexOf((byte)'\n');
            var end = newline < 0 ? length : start + newline;
            if (end > start)
            {
                starts.Add(start);
                ends.Add(end);
            }

            start = end + 1;
        }

        var hasScore = new bool[starts.Count];
        var text1 = new ulong[starts.Count];
        var text2 = new ulong[starts.Count];
        for (var i = 0; i < starts.Count; i++)
        {
            Inspect(bytes.AsSpan(starts[i], ends[i] - starts[i]), name, i + 1, out hasScore[i], out text1[i], out text2[i]);
        }

        return new ShardLines(bytes, [.. starts], [.. ends], hasScore, text1, text2);
    }

    /// <summary>
    /// The whole stream in one array: exactly its length when the stream knows it (a local file,
    /// a blob), otherwise grown by doubling. One large allocation per shard instead of a chain of
    /// copies keeps the large-object heap from filling with garbage.
    /// </summary>
    private static async Task<(byte[] Bytes, int Length)> ReadAllBytesAsync(Stream stream, CancellationToken cancellationToken)
    {
        var known = stream.CanSeek ? stream.Length - stream.Position : -1;
        if (known > Array.MaxLength)
        {
            throw new InvalidDataException($"A shard of {known:N0} bytes is larger than one array can hold; use a smaller shard size.");
        }

        var bytes = new byte[known >= 0 ? known + 1 : 1 << 20];
        var length = 0;
        while (true)
        {
            if (length == bytes.Length)
            {
                Array.Resize(ref bytes, (int)Math.Min((long)bytes.Length * 2, Array.MaxLength));
            }

            var read = await stream.ReadAsync(bytes.AsMemory(length), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                return (bytes, length);
            }

            length += read;
        }
    }

    /// <summary>Writes line <paramref name="index"/>, adding <c>"score": label</c> when it has none.</summary>
    public void Write(Stream output, int index, double? label)
    {
        var line = _bytes.AsSpan(_starts[index], _ends[index] - _starts[index]);
        if (label is { } score && !HasScore[index])
        {
            Span<byte> number = stackalloc byte[40];
            ",\"score\":"u8.CopyTo(number);
            score.TryFormat(number[9..], out var written, "R", CultureInfo.InvariantCulture);
            output.Write(line[..^1]);
            output.Write(number[..(9 + written)]);
            output.WriteByte((byte)'}');
        }
        else
        {
            output.Write(line);
        }

        output.WriteByte((byte)'\n');
    }

    private static void Inspect(ReadOnlySpan<byte> line, string name, int lineNumber, out bool hasScore, out ulong text1, out ulong text2)
    {
        hasScore = false;
        text1 = text2 = 0;
        var seen = 0;
        try
        {
            var reader = new Utf8JsonReader(line);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject || line[^1] != (byte)'}')
            {
                throw Damaged(name, lineNumber, "not a compact JSON object");
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("text1"u8))
                {
                    reader.Read();
                    text1 = XxHash3.HashToUInt64(reader.ValueSpan);
                    seen |= 1;
                }
                else if (reader.ValueTextEquals("text2"u8))
                {
                    reader.Read();
                    text2 = XxHash3.HashToUInt64(reader.ValueSpan);
                    seen |= 2;
                }
                else
                {
                    hasScore |= reader.ValueTextEquals("score"u8);
                    reader.Read();
                    reader.Skip();
                }
            }
        }
        catch (JsonException e)
        {
            throw Damaged(name, lineNumber, e.Message);
        }

        if (seen != 3)
        {
            throw Damaged(name, lineNumber, "text1 or text2 is missing");
        }
    }

    private static InvalidDataException Damaged(string name, int line, string reason)
        => new($"Normalized pairs file is damaged: {name}:{line}: {reason}");
}
