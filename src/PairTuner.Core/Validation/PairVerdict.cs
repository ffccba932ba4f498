namespace PairTuner.Core.Validation;

/// <summary>
/// The outcome of <see cref="PairCheck"/> for one record: everything the file-wide, in-order part
/// of validation (<see cref="PairValidator"/>) needs, and where the record's normalized line is.
/// Small and copyable, so records can be checked in parallel and counted in order.
/// </summary>
internal struct PairVerdict
{
    public VerdictKind Kind;

    /// <summary>
    /// Where the record's error is among its block's (<see cref="CheckedBlock.ErrorOf"/>), from 1;
    /// 0 when it has none. An index rather than the error itself: with no object reference in
    /// it, a verdict is copied as plain bytes, without the GC's write barrier on every record.
    /// </summary>
    public int ErrorIndex;

    /// <summary>A finite score as written, for the report's score range (seen even when the range check then rejects it).</summary>
    public double? RawScore;

    public bool HasScore;

    /// <summary>The normalized score is below 0.5: a dissimilar pair, warned about.</summary>
    public bool LowScore;

    public bool TextLabel;

    public bool HasNegative;

    public bool HasGroup;

    public ulong Fingerprint;

    /// <summary>XXH3 of the trimmed text1's UTF-8: what <see cref="Splitting.ShardLines"/> compares to find eval texts in train.</summary>
    public ulong Text1Hash;

    public ulong Text2Hash;

    /// <summary>Where the normalized JSON line (with its newline) is in the block's output; length 0 when none was written.</summary>
    public int LineStart;

    public int LineLength;

    public static PairVerdict Rejected => new() { Kind = VerdictKind.Rejected };
}
