using System.IO.Compression;

namespace PairTuner.Core.Formats;

/// <summary>
/// A gzip-compressed pairs file (<c>tickets.jsonl.gz</c>, <c>pairs.csv.gz</c>): read through a
/// decompressing stream and detected by its inner name, so everything after this edge (format,
/// limits, reports) sees the plain file. The size limit counts the bytes after decompression,
/// which is what a small file that expands without bound is stopped by.
/// </summary>
public static class CompressedPairsFile
{
    private const string GzipSuffix = ".gz";

    /// <summary>True when the name ends in <c>.gz</c> (any case).</summary>
    public static bool IsCompressed(string fileName)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        return fileName.EndsWith(GzipSuffix, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The name the format is taken from: <c>tickets.jsonl.gz</c> → <c>tickets.jsonl</c>; other names unchanged.</summary>
    public static string InnerName(string fileName)
        => IsCompressed(fileName) ? fileName[..^GzipSuffix.Length] : fileName;

    /// <summary>The plain bytes of <paramref name="input"/>: decompressed when the name ends in <c>.gz</c>, else the stream itself. Leaves <paramref name="input"/> open.</summary>
    public static Stream OpenPlain(Stream input, string fileName)
    {
        ArgumentNullException.ThrowIfNull(input);
        return IsCompressed(fileName) ? new GZipStream(input, CompressionMode.Decompress, leaveOpen: true) : input;
    }
}
