using PairTuner.Contracts.Scoring;
using PairTuner.Core.Formats;
using PairTuner.Core.Scoring;

namespace PairTuner.Core.Validation;

/// <summary>
/// <c>runs/{id}/validation.json</c> and the output of <c>pairtuner validate --json</c>: what was
/// read, what was kept, what was rejected and why. Every record read ends up in exactly one of
/// <see cref="Accepted"/>, <see cref="Rejected"/>, <see cref="Duplicates"/>,
/// <see cref="IdenticalTexts"/> or <see cref="BelowMinScore"/>.
/// </summary>
public sealed record ValidationReport
{
    public required string File { get; init; }

    /// <summary>Null when the format could not be told (empty or unrecognisable file).</summary>
    public PairsFormat? Format { get; init; }

    public FormatSource? FormatSource { get; init; }

    /// <summary>Bytes read from the file.</summary>
    public long Bytes { get; init; }

    /// <summary>Records read (lines, array elements or CSV records; blank lines and a header are not records).</summary>
    public long Rows { get; init; }

    /// <summary>Usable pairs: valid, not duplicated, kept by the score filter; these go to the shards.</summary>
    public long Accepted { get; init; }

    /// <summary>Records with an error; the first <see cref="ValidationLimits.MaxReportedErrors"/> are in <see cref="Errors"/>.</summary>
    public long Rejected { get; init; }

    /// <summary>Valid pairs equal to an earlier pair (same two texts in the same order after trimming); skipped.</summary>
    public long Duplicates { get; init; }

    /// <summary>Valid pairs whose two texts are the same; skipped, they teach the model nothing.</summary>
    public long IdenticalTexts { get; init; }

    /// <summary>Valid pairs whose score is below <see cref="MinScore"/>; skipped.</summary>
    public long BelowMinScore { get; init; }

    /// <summary>Accepted pairs that carry their own score (the rest get synthetic labels).</summary>
    public long WithScore { get; init; }

    public long WithNegative { get; init; }

    public long WithGroup { get; init; }

    /// <summary>Records whose <c>label</c> was text (SICK's entailment), which is not a score: ignored.</summary>
    public long TextLabelsIgnored { get; init; }

    /// <summary>Smallest score seen in valid records, as written in the file.</summary>
    public double? ScoreMin { get; init; }

    /// <summary>Largest score seen in valid records, as written in the file.</summary>
    public double? ScoreMax { get; init; }

    public ScoreRange Rescale { get; init; }

    public double? MinScore { get; init; }

    /// <summary>Normalized shards written (0 when only validating).</summary>
    public int Shards { get; init; }

    /// <summary>One training batch plus one eval pair: fewer usable pairs than this is fatal.</summary>
    public int MinUsablePairs { get; init; }

    /// <summary>True when the file can be trained on.</summary>
    public bool Usable { get; init; }

    /// <summary>True when it cannot; <see cref="FatalReason"/> says why.</summary>
    public bool Fatal { get; init; }

    public string? FatalReason { get; init; }

    public IReadOnlyList<RowError> Errors { get; init; } = [];

    /// <summary>Rejected records beyond the listed <see cref="Errors"/>.</summary>
    public long ErrorsNotListed { get; init; }

    public IReadOnlyList<string> Warnings { get; init; } = [];

    public ValidationLimits Limits { get; init; } = new();
}
