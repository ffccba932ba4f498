using PairTuner.Contracts.Jobs;

namespace PairTuner.Training.Losses;

/// <summary>Builds the loss a run asks for (<c>--loss mnrl|symmetric|cached</c>).</summary>
public static class RankingLossFactory
{
    public static IRankingLoss Create(LossKind kind, RankingLossOptions options) => kind switch
    {
        LossKind.Mnrl => new MultipleNegativesRankingLoss(options),
        LossKind.Symmetric => new MultipleNegativesSymmetricRankingLoss(options),
        LossKind.Cached => new CachedMultipleNegativesRankingLoss(options),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown loss."),
    };

    public static IRankingLoss Create(TrainingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Create(options.Loss, RankingLossOptions.From(options));
    }
}
