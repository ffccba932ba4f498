namespace PairTuner.Core.Formats;

/// <summary>
/// Chooses a file's format from its extension, checked against its first bytes. Users often name
/// JSON Lines files <c>.json</c>, so when the content clearly says otherwise the content wins and
/// the report carries a warning.
/// </summary>
public static class PairsFormatDetector
{
    /// <summary>How many leading bytes <see cref="Sniff"/> looks at.</summary>
    public const int SniffBytes = 64 * 1024;

    public static PairsFormat? FromExtension(string fileName)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        var extension = Path.GetExtension(fileName).ToUpperInvariant();
        return extension switch
        {
            ".JSON" => PairsFormat.JsonArray,
            ".JSONL" or ".NDJSON" or ".JSONLINES" => PairsFormat.JsonLines,
            ".CSV" => PairsFormat.Csv,
            ".TSV" or ".TAB" => PairsFormat.Tsv,
            _ => null,
        };
    }

    /// <summary>
    /// The format the first bytes (BOM already removed) look like, or null when they say nothing:
    /// <c>[[</c>, <c>[{</c> or <c>[]</c> is a JSON array of pairs; <c>{</c> or <c>["</c> starts a JSON Lines
    /// record; otherwise a tab in the first line means TSV and a comma CSV.
    /// </summary>
    public static PairsFormat? Sniff(ReadOnlySpan<byte> head)
    {
        var i = SkipWhitespace(head, 0);
        if (i >= head.Length)
        {
            return null;
        }

        if (head[i] == (byte)'{')
        {
            return PairsFormat.JsonLines;
        }

        if (head[i] == (byte)'[')
        {
            var next = SkipWhitespace(head, i + 1);
            if (next >= head.Length)
            {
                return PairsFormat.JsonArray;
            }

            return head[next] switch
            {
                (byte)'[' or (byte)'{' or (byte)']' => PairsFormat.JsonArray,
                (byte)'"' => PairsFormat.JsonLines,
                _ => null,
            };
        }

        var firstLine = head[i..];
        var end = firstLine.IndexOf((byte)'\n');
        if (end >= 0)
        {
            firstLine = firstLine[..end];
        }

        if (firstLine.Contains((byte)'\t'))
        {
            return PairsFormat.Tsv;
        }

        return firstLine.Contains((byte)',') ? PairsFormat.Csv : null;
    }

    /// <summary>
    /// The format to read the file as, or null when neither the name nor the content tells.
    /// </summary>
    public static FormatDetection? Detect(string fileName, ReadOnlySpan<byte> head, PairsFormat? requested = null)
    {
        if (requested is { } format)
        {
            return new FormatDetection(format, FormatSource.Option);
        }

        var byName = FromExtension(fileName);
        var byContent = Sniff(head);
        if (byName is { } named && (byContent is null || Agree(named, byContent.Value)))
        {
            return new FormatDetection(named, FormatSource.Extension);
        }

        if (byContent is { } sniffed)
        {
            var warning = byName is null
                ? null
                : $"The extension of '{Path.GetFileName(fileName)}' says {byName} but the content is {sniffed}; read as {sniffed}.";
            return new FormatDetection(sniffed, FormatSource.Content, warning);
        }

        return null;
    }

    // A CSV whose first text holds a tab (or the reverse) is still what its name says: the
    // delimiter sniff is a guess, the JSON sniff is not.
    private static bool Agree(PairsFormat named, PairsFormat sniffed)
        => named == sniffed || (IsDelimited(named) && IsDelimited(sniffed));

    private static bool IsDelimited(PairsFormat format) => format is PairsFormat.Csv or PairsFormat.Tsv;

    private static int SkipWhitespace(ReadOnlySpan<byte> head, int i)
    {
        while (i < head.Length && head[i] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
        {
            i++;
        }

        return i;
    }
}
