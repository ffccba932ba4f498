using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using PairTuner.Core.Validation;

namespace PairTuner.Core.Formats;

/// <summary>
/// CSV and TSV through CsvHelper (RFC 4180 quoting: fields with the delimiter, quotes or line
/// breaks are quoted, quotes doubled). The first record is a header when any of its cells is a
/// known column name (text1, anchor, score, ...); otherwise columns are positional:
/// <c>text1, text2[, score | negative[, the other]]</c>, where the first record decides whether
/// column 3 holds scores (a number or empty) or hard negatives (text).
/// </summary>
public static class DelimitedPairsReader
{
    // A noncharacter that never appears in real text: invalid UTF-8 bytes decode to it, so a row
    // that had them can be rejected by name instead of carrying U+FFFD into training.
    private const char InvalidByteMarker = '\uFDD0';

    private static readonly Encoding Utf8WithMarker = Encoding.GetEncoding(
        "utf-8",
        EncoderFallback.ExceptionFallback,
        new DecoderReplacementFallback(InvalidByteMarker.ToString()));

    public static async IAsyncEnumerable<PairRow> ReadAsync(
        Stream stream,
        string file,
        char delimiter,
        ValidationLimits limits,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(limits);
        string? badQuotedField = null;
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            Delimiter = delimiter.ToString(),
            HasHeaderRecord = false,
            IgnoreBlankLines = false,
            DetectColumnCountChanges = false,
            MissingFieldFound = null,
            MaxFieldSize = limits.MaxRecordBytes,

            // A bare quote inside an unquoted field (5" screen) is kept as written; a quoted field
            // with text after its closing quote is malformed and rejects the row.
            BadDataFound = args => badQuotedField ??= args.Field.StartsWith('"') ? args.Field : null,
        };

        using var text = new StreamReader(stream, Utf8WithMarker, detectEncodingFromByteOrderMarks: false, bufferSize: 1 << 16, leaveOpen: true);
        using var parser = new CsvParser(text, config);
        ColumnMap? map = null;
        long previousLastLine = 0;
        while (true)
        {
            bool more;
            try
            {
                more = await parser.ReadAsync().ConfigureAwait(false);
            }
            catch (MaxFieldSizeException e)
            {
                throw new PairsFileException(
                    new RowError(file, previousLastLine + 1, null, string.Create(CultureInfo.InvariantCulture, $"a field is longer than {limits.MaxRecordBytes:N0} characters (limits.maxRecordBytes); is a quote left open?")),
                    e);
            }

            if (!more)
            {
                yield break;
            }

            cancellationToken.ThrowIfCancellationRequested();
            var line = previousLastLine + 1;
            previousLastLine = parser.RawRow;
            if (parser.Count == 1 && parser[0].Length == 0)
            {
                continue;
            }

            if (map is null)
            {
                map = ColumnMap.FromFirstRecord(parser, file, line);
                if (map.IsHeader)
                {
                    badQuotedField = null;
                    continue;
                }
            }

            // CsvHelper parses a field when it is first read, so BadDataFound has fired by now.
            var row = map.Read(parser, file, line);
            if (badQuotedField is { } badField)
            {
                badQuotedField = null;
                row = PairRow.Failed(new RowError(file, line, null, $"malformed {(delimiter == ',' ? "CSV" : "TSV")}: text after the closing quote of a quoted field ({Shorten(badField)})"));
            }

            yield return row;
        }
    }

    internal static bool HasInvalidBytes(string value) => value.Contains(InvalidByteMarker, StringComparison.Ordinal);

    private static string Shorten(string value) => value.Length <= 40 ? value : value[..40] + "...";
}
