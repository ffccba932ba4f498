namespace PairTuner.Contracts.Jobs;

public enum LossKind
{
    /// <summary>MultipleNegativesRankingLoss.</summary>
    Mnrl,

    /// <summary>MultipleNegativesSymmetricRankingLoss: anchor->positive and positive->anchor averaged.</summary>
    Symmetric,

    /// <summary>CachedMultipleNegativesRankingLoss (GradCache): same gradients, memory bounded by the mini-batch.</summary>
    Cached,
}
