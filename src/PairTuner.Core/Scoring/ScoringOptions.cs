using PairTuner.Contracts.Scoring;

namespace PairTuner.Core.Scoring;

/// <summary>
/// How pairs get their labels. A score in the file always wins: <see cref="Rescale"/> maps it into
/// [0, 1] and <see cref="MinScore"/> drops pairs below a threshold (both applied while ingesting).
/// A pair without a score gets sentence-transformers' synthetic label
/// <c>Mean + (uniform[0,1) - 0.5) / Scaling</c> from a generator seeded by <see cref="Seed"/> and
/// the shard index (applied by <c>ShardSplitter</c>). MultipleNegativesRankingLoss ignores labels;
/// they only feed the similarity evaluator.
/// </summary>
public sealed record ScoringOptions
{
    public double Mean { get; init; } = 0.9;

    public double Scaling { get; init; } = 20.0;

    public int Seed { get; init; } = 42;

    public ScoreRange Rescale { get; init; } = ScoreRange.Unit;

    /// <summary>
    /// Keep only pairs whose score, as written in the file (before rescaling), is at least this:
    /// 4 keeps STS-B's near-paraphrases, 1 keeps MRPC's positives. Pairs without a score are kept.
    /// </summary>
    public double? MinScore { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> with a message naming the bad option.</summary>
    public void Validate()
    {
        if (!double.IsFinite(Mean) || Mean < 0 || Mean > 1)
        {
            throw new ArgumentException($"scoring.mean must be a number in [0, 1]; got {Mean}.");
        }

        if (!double.IsFinite(Scaling) || Scaling <= 0)
        {
            throw new ArgumentException($"scoring.scaling must be a number greater than 0; got {Scaling}.");
        }

        if (!Enum.IsDefined(Rescale))
        {
            throw new ArgumentException($"scoring.rescale must be unit, zeroToFive or oneToFive; got {Rescale}.");
        }

        if (MinScore is { } min && (!double.IsFinite(min) || !ScoreScale.Contains(Rescale, min)))
        {
            throw new ArgumentException(
                $"scoring.minScore must lie in the file's score range {ScoreScale.Describe(Rescale)} (rescale {Rescale}); got {min}.");
        }
    }
}
