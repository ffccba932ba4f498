using PairTuner.Core.Validation;

namespace PairTuner.Core.Formats;

/// <summary>
/// One record as a format reader saw it, before validation: the candidate pair's fields, or the
/// structural error (malformed JSON, missing column, non-string text, invalid UTF-8) that kept
/// the reader from getting them.
/// </summary>
public sealed record PairRow
{
    /// <summary>1-based line where the record starts.</summary>
    public required long Line { get; init; }

    public string? Text1 { get; init; }

    public string? Text2 { get; init; }

    /// <summary>The score as written in the file (before any rescaling); a numeric <c>label</c> counts as a score.</summary>
    public double? Score { get; init; }

    public string? Negative { get; init; }

    public string? Group { get; init; }

    /// <summary>
    /// True when the record had a text <c>label</c> (SICK's <c>entailment</c>): it is not a
    /// similarity score, so it is ignored and only counted.
    /// </summary>
    public bool HasTextLabel { get; init; }

    public RowError? Error { get; init; }

    public static PairRow Failed(RowError error) => new() { Line = error.Line, Error = error };
}
