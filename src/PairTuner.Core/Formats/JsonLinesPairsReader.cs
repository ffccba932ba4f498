using System.Globalization;
using System.Runtime.CompilerServices;
using PairTuner.Core.Validation;

namespace PairTuner.Core.Formats;

/// <summary>
/// JSON Lines: one pair per line, parsed from the line's UTF-8 bytes. Blank lines are skipped; a
/// bad line (or one over <c>limits.maxRecordBytes</c>) is reported and reading goes on with the next one.
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
        var lines = new Utf8LineReader(stream, limits.MaxRecordBytes);
        while (await lines.ReadLineAsync(cancellationToken).ConfigureAwait(false))
        {
            if (lines.CurrentTooLong)
            {
                yield return PairRow.Failed(new RowError(file, lines.LineNumber, null, string.Create(CultureInfo.InvariantCulture, $"the line is longer than {limits.MaxRecordBytes:N0} bytes (limits.maxRecordBytes)")));
            }
            else if (!IsBlank(lines.Current.Span))
            {
                yield return JsonPairParser.Parse(lines.Current.Span, file, lines.LineNumber);
            }
        }
    }

    private static bool IsBlank(ReadOnlySpan<byte> line) => line.IndexOfAnyExcept(" \t\r"u8) < 0;
}
