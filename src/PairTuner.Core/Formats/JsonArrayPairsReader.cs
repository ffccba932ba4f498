using System.Buffers;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using PairTuner.Core.Validation;

namespace PairTuner.Core.Formats;

/// <summary>
/// A JSON array of pairs, <c>[["a", "b"], ...]</c> or <c>[{"text1": ...}, ...]</c>, read with
/// <see cref="Utf8JsonReader"/> over a sliding buffer: only the element being parsed has to fit in
/// memory. A bad element is reported and skipped; broken JSON stops the file, since nothing after
/// it can be trusted (it usually means a truncated upload).
/// </summary>
public static class JsonArrayPairsReader
{
    public static async IAsyncEnumerable<PairRow> ReadAsync(
        Stream stream,
        string file,
        ValidationLimits limits,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(limits);
        var buffer = ArrayPool<byte>.Shared.Rent(1 << 16);
        try
        {
            var cursor = new Cursor();
            var state = new JsonReaderState(new JsonReaderOptions { MaxDepth = 16 });
            var phase = Phase.Start;
            while (true)
            {
                var step = Step(buffer, ref cursor, ref state, ref phase, file, out var row);
                switch (step)
                {
                    case StepResult.Row:
                        yield return row!;
                        break;
                    case StepResult.Done:
                        yield break;
                    case StepResult.NeedMore:
                        if (cursor.Eof)
                        {
                            throw Broken(file, cursor.Line, phase == Phase.Start
                                ? "the file holds no JSON array"
                                : "the JSON array ends before its closing ']' (is the file truncated?)");
                        }

                        buffer = Refill(buffer, ref cursor, limits, file);
                        var read = await stream.ReadAsync(buffer.AsMemory(cursor.End), cancellationToken).ConfigureAwait(false);
                        cursor.End += read;
                        cursor.Eof = read == 0;
                        break;
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    // Runs synchronously over the buffered bytes: a ref struct reader cannot live across awaits.
    private static StepResult Step(byte[] buffer, ref Cursor cursor, ref JsonReaderState state, ref Phase phase, string file, out PairRow? row)
    {
        row = null;
        var span = buffer.AsSpan(cursor.Consumed, cursor.End - cursor.Consumed);
        if (phase == Phase.Trailing)
        {
            var rest = span.TrimStart(" \t\r\n"u8);
            if (!rest.IsEmpty)
            {
                throw Broken(file, cursor.Line + CountNewlines(span[..(span.Length - rest.Length)]), "unexpected content after the closing ']'");
            }

            cursor.Line += CountNewlines(span);
            cursor.Consumed = cursor.End;
            return cursor.Eof ? StepResult.Done : StepResult.NeedMore;
        }

        // Never a final block: an element cut off by the end of the file then reads as "needs more
        // data", which at the end of the file is reported as a truncated array.
        var reader = new Utf8JsonReader(span, isFinalBlock: false, state);
        try
        {
            if (!reader.Read())
            {
                return StepResult.NeedMore;
            }

            if (phase == Phase.Start)
            {
                if (reader.TokenType != JsonTokenType.StartArray)
                {
                    throw Broken(file, cursor.Line, "a JSON pairs file must be an array: [[\"text1\", \"text2\"], ...]");
                }

                phase = Phase.Elements;
                Advance(buffer, ref cursor, ref state, ref reader);
                return Step(buffer, ref cursor, ref state, ref phase, file, out row);
            }

            if (reader.TokenType == JsonTokenType.EndArray)
            {
                phase = Phase.Trailing;
                Advance(buffer, ref cursor, ref state, ref reader);
                return Step(buffer, ref cursor, ref state, ref phase, file, out row);
            }

            var start = (int)reader.TokenStartIndex;
            var line = cursor.Line + CountNewlines(span[..start]);
            if (reader.TokenType is JsonTokenType.StartArray or JsonTokenType.StartObject)
            {
                if (!reader.TrySkip())
                {
                    return StepResult.NeedMore;
                }

                var end = (int)reader.BytesConsumed;
                row = JsonPairParser.Parse(span[start..end], file, line);
            }
            else
            {
                row = PairRow.Failed(new RowError(file, line, null, $"each element must be a pair [\"text1\", \"text2\"] or an object; found a {reader.TokenType.ToString().ToLowerInvariant()}"));
            }

            Advance(buffer, ref cursor, ref state, ref reader);
            return StepResult.Row;
        }
        catch (JsonException e)
        {
            var at = cursor.Line + (e.LineNumber ?? 0);
            throw Broken(file, at, $"malformed JSON: {e.Message.Split(" LineNumber:")[0]}");
        }
    }

    private static void Advance(byte[] buffer, ref Cursor cursor, ref JsonReaderState state, ref Utf8JsonReader reader)
    {
        var consumed = (int)reader.BytesConsumed;
        cursor.Line += CountNewlines(buffer.AsSpan(cursor.Consumed, consumed));
        cursor.Consumed += consumed;
        state = reader.CurrentState;
    }

    private static byte[] Refill(byte[] buffer, ref Cursor cursor, ValidationLimits limits, string file)
    {
        var pending = cursor.End - cursor.Consumed;
        if (cursor.Consumed > 0)
        {
            Buffer.BlockCopy(buffer, cursor.Consumed, buffer, 0, pending);
            cursor.Consumed = 0;
            cursor.End = pending;
        }

        if (cursor.End < buffer.Length)
        {
            return buffer;
        }

        if (buffer.Length > limits.MaxRecordBytes)
        {
            throw Broken(file, cursor.Line, string.Create(CultureInfo.InvariantCulture, $"an element is longer than {limits.MaxRecordBytes:N0} bytes (limits.maxRecordBytes)"));
        }

        var bigger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
        Buffer.BlockCopy(buffer, 0, bigger, 0, cursor.End);
        ArrayPool<byte>.Shared.Return(buffer);
        return bigger;
    }

    private static int CountNewlines(ReadOnlySpan<byte> bytes) => bytes.Count((byte)'\n');

    private static PairsFileException Broken(string file, long line, string reason)
        => new(new RowError(file, line, null, reason));

    private enum Phase
    {
        Start,
        Elements,
        Trailing,
    }

    private enum StepResult
    {
        Row,
        NeedMore,
        Done,
    }

    private struct Cursor
    {
        public Cursor()
        {
        }

        public int Consumed { get; set; }

        public int End { get; set; }

        public bool Eof { get; set; }

        /// <summary>1-based line of the first unconsumed byte.</summary>
        public long Line { get; set; } = 1;
    }
}
