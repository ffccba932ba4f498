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
        using var lines = new Utf8LineReader(stream, limits.MaxRecordBytes);
        while (await lines.ReadLineAsync(cancellationToken).ConfigureAwait(false))
        {
            if (lines.CurrentTooLong)
            {
                yield return PairRow.Failed(new RowError(
                    file,
                    lines.LineNumber,
                    null,
                    string.Create(CultureInfo.InvariantCulture, $"the line is longer than {limits.MaxRecordBytes:N0} bytes (limits.maxRecordBytes)")));
                continue;
            }

            if (IsBlank(lines.Current.Span))
            {
                continue;
            }

            yield return JsonPairParser.Parse(lines.Current.Span, file, lines.LineNumber);
        }
    }

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
