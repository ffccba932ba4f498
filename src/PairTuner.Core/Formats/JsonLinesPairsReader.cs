using System.Globalization;
using System.Runtime.CompilerServices;
using PairTuner.Core.Validation;

namespace PairTuner.Core.Formats;

/// <summary>
/// JSON Lines: one pair per line, parsed straight from the UTF-8 bytes. Blank lines are skipped;
/// a bad line is reported and reading goes on with the next one.
/// </summary>
public static class JsonLinesPairsReader
{
    public static async IAsyncEnumerable<PairRow> ReadAsync(
        Stream stream,
        string file,
        ValidationLimits limits,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(limits);

        // One set of line rules (line ends, blank lines, numbering, too-long lines) for both readers.
        await foreach (var block in ReadBlocksAsync(stream, limits, cancellationToken).ConfigureAwait(false))
        {
            using (block)
            {
                for (var i = 0; i < block.Count; i++)
                {
                    yield return block.IsTooLong(i)
                        ? PairRow.Failed(LineTooLong(file, block.Number(i), limits))
                        : JsonPairParser.Parse(block.Line(i), file, block.Number(i));
                }
            }
        }
    }

    /// <summary>
    /// The file's non-blank lines in blocks, for checking on several cores (<see cref="LineBlock"/>).
    /// </summary>
    internal static async IAsyncEnumerable<LineBlock> ReadBlocksAsync(
        Stream stream,
        ValidationLimits limits,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var lines = new Utf8LineReader(stream, limits.MaxRecordBytes, initialBufferBytes: 1 << 18);
        var block = new LineBlock();
        try
        {
            while (lines.TryReadBufferedLine() || await lines.ReadLineAsync(cancellationToken).ConfigureAwait(false))
            {
                if (lines.CurrentTooLong)
                {
                    block.AddTooLong(lines.LineNumber);
                }
                else if (!IsBlank(lines.Current.Span))
                {
                    block.Add(lines.LineNumber, lines.Current.Span);
                }

                if (block.IsFull)
                {
                    var full = block;
                    block = new LineBlock();
                    yield return full;
                }
            }

            if (block.Count > 0)
            {
                var last = block;
                block = null;
                yield return last;
            }
        }
        finally
        {
            block?.Dispose();
        }
    }

    internal static RowError LineTooLong(string file, long line, ValidationLimits limits)
        => new(file, line, null, string.Create(CultureInfo.InvariantCulture, $"the line is longer than {limits.MaxRecordBytes:N0} bytes (limits.maxRecordBytes)"));

    private static bool IsBlank(ReadOnlySpan<byte> line)
    {
        foreach (var b in line)
        {
            if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r'))
            {
                return false;
            }
        }

        return true;
    }
}
