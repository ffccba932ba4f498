namespace PairTuner.Contracts.Jobs;

/// <summary>Where a run's hard negatives come from (<c>--hard-negatives</c>).</summary>
public enum HardNegativesMode
{
    /// <summary>Only the <c>negative</c> column of the pairs file, when it has one.</summary>
    None,

    /// <summary>
    /// Mined before training with the model being tuned, like sentence-transformers'
    /// <c>util.mine_hard_negatives</c>; pairs with a negative of their own keep it.
    /// </summary>
    Mine,
}
