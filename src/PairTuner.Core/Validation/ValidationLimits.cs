namespace PairTuner.Core.Validation;

/// <summary>
/// The explicit limits on a pairs file (docs/pairs-files.md). A text over
/// <see cref="MaxTextChars"/> or a record over <see cref="MaxRecordBytes"/> rejects that row; a file
/// over <see cref="MaxFileBytes"/> or with more than <see cref="MaxPairs"/> usable pairs is fatal.
/// </summary>
public sealed record ValidationLimits
{
    /// <summary>Largest file read, in bytes (default 4 GiB).</summary>
    public long MaxFileBytes { get; init; } = 4L * 1024 * 1024 * 1024;

    /// <summary>
    /// Longest text (text1, text2 or negative), in UTF-16 characters (default 10,000). The model reads
    /// at most 256 word pieces, about 1,000-1,500 characters of English, so longer texts are almost
    /// always a column mix-up.
    /// </summary>
    public int MaxTextChars { get; init; } = 10_000;

    /// <summary>
    /// Most usable pairs in one file (default 10,000,000). Also what bounds duplicate detection's
    /// memory: one 64-bit fingerprint per usable pair in a hash set, about 20-40 bytes a pair.
    /// </summary>
    public long MaxPairs { get; init; } = 10_000_000;

    /// <summary>Largest single record (a JSON Lines line, a JSON array element, a CSV field), in bytes (default 1 MiB).</summary>
    public int MaxRecordBytes { get; init; } = 1024 * 1024;

    /// <summary>How many row errors the report lists (default 1,000); the rest are only counted.</summary>
    public int MaxReportedErrors { get; init; } = 1_000;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first limit that is not positive.</summary>
    public void Validate()
    {
        Positive(MaxFileBytes, nameof(MaxFileBytes));
        Positive(MaxTextChars, nameof(MaxTextChars));
        Positive(MaxPairs, nameof(MaxPairs));
        Positive(MaxRecordBytes, nameof(MaxRecordBytes));
        if (MaxReportedErrors < 0)
        {
            throw new ArgumentException($"limits.maxReportedErrors must be 0 or more; got {MaxReportedErrors}.");
        }
    }

    private static void Positive(long value, string name)
    {
        if (value <= 0)
        {
            throw new ArgumentException($"limits.{char.ToLowerInvariant(name[0])}{name[1..]} must be positive; got {value}.");
        }
    }
}
