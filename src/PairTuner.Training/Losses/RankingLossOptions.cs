using PairTuner.Contracts.Jobs;

namespace PairTuner.Training.Losses;

/// <summary>The settings every ranking loss shares. Defaults are the reference recipe: dot similarity, scale 1.</summary>
public sealed record RankingLossOptions
{
    public SimilarityFunction Similarity { get; init; } = SimilarityFunction.Dot;
    public double Scale { get; init; } = 1.0;

    /// <summary>For the cached loss: how many texts are embedded with gradients at once.</summary>
    public int MiniBatchSize { get; init; } = 32;

    public static RankingLossOptions From(TrainingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new RankingLossOptions
        {
            Similarity = options.Similarity,
            Scale = options.EffectiveScale,
            MiniBatchSize = options.MiniBatchSize,
        };
    }
}
