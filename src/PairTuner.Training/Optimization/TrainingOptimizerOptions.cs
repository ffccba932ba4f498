using PairTuner.Contracts.Jobs;

namespace PairTuner.Training.Optimization;

/// <summary>
/// AdamW and schedule settings. Defaults are torch.optim.AdamW's and sentence-transformers' fit():
/// lr 2e-5, betas (0.9, 0.999), eps 1e-8, weight decay 0.01, clip 1.0. TorchSharp's
/// AdamW defaults differ (beta2 0.99), which is why every value is passed explicitly.
/// </summary>
public sealed record TrainingOptimizerOptions
{
    public double Lr { get; init; } = 2e-5;
    public double Beta1 { get; init; } = 0.9;
    public double Beta2 { get; init; } = 0.999;
    public double Eps { get; init; } = 1e-8;
    public double WeightDecay { get; init; } = 0.01;
    public int WarmupSteps { get; init; } = 100;

    /// <summary>Gradient-norm clipping; 0 or less turns it off.</summary>
    public double MaxGradNorm { get; init; } = 1.0;

    /// <summary>The settings of a run of <paramref name="totalSteps"/> steps (its warm-up may be a ratio of them).</summary>
    public static TrainingOptimizerOptions From(TrainingOptions options, long totalSteps)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new TrainingOptimizerOptions
        {
            Lr = options.Lr,
            WeightDecay = options.WeightDecay,
            WarmupSteps = (int)Math.Min(int.MaxValue, options.WarmupStepsFor(totalSteps)),
            MaxGradNorm = options.MaxGradNorm,
        };
    }
}
