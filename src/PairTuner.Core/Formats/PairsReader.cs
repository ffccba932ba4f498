using PairTuner.Core.Validation;

namespace PairTuner.Core.Formats;

/// <summary>Reads a pairs file of a known format as a stream of <see cref="PairRow"/>s (UTF-8, BOM already removed).</summary>
public static class PairsReader
{
    public static IAsyncEnumerable<PairRow> ReadAsync(
        Stream stream,
        PairsFormat format,
        string file,
        ValidationLimits limits,
        CancellationToken cancellationToken = default) => format switch
        {
            PairsFormat.JsonLines => JsonLinesPairsReader.ReadAsync(stream, file, limits, cancellationToken),
            PairsFormat.JsonArray => JsonArrayPairsReader.ReadAsync(stream, file, limits, cancellationToken),
            PairsFormat.Csv => DelimitedPairsReader.ReadAsync(stream, file, ',', limits, cancellationToken),
            PairsFormat.Tsv => DelimitedPairsReader.ReadAsync(stream, file, '\t', limits, cancellationToken),
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown pairs format."),
        };
}
