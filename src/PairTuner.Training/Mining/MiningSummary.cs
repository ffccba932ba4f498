namespace PairTuner.Training.Mining;

/// <summary>
/// What mining did, for <c>eval.json</c> and the report: like the statistics sentence-transformers
/// prints after <c>mine_hard_negatives</c>, and how many pairs found no candidate.
/// </summary>
public sealed record MiningSummary
{
    /// <summary>Training pairs given to the miner.</summary>
    public int Pairs { get; init; }

    /// <summary>Pairs that brought a negative from the file and kept it.</summary>
    public int PairsWithOwnNegative { get; init; }

    /// <summary>Pairs that got at least one mined negative.</summary>
    public int PairsMined { get; init; }

    /// <summary>Pairs with no candidate inside the range that passed the margin; they train without a hard negative.</summary>
    public int PairsWithoutCandidates { get; init; }

    /// <summary>Mined negatives in all; one training row each.</summary>
    public int NegativesMined { get; init; }

    /// <summary>Training rows after mining (a pair with several mined negatives trains once with each).</summary>
    public int TrainingRows { get; init; }

    /// <summary>Distinct candidate texts: the training pairs' <c>text2</c>, case and surrounding spaces ignored.</summary>
    public int CorpusTexts { get; init; }

    /// <summary>Candidates inside the range that the margin turned away.</summary>
    public long RejectedByMargin { get; init; }

    /// <summary>Mean cosine of the mined pairs' anchor to positive, and to their mined negatives.</summary>
    public double? MeanPositiveScore { get; init; }

    public double? MeanNegativeScore { get; init; }

    public double Seconds { get; init; }
}
