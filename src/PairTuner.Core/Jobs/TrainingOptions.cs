namespace PairTuner.Core.Jobs;

/// <summary>
/// Every knob of a fine-tuning run. Defaults are sentence-transformers' reference recipe
/// (docs/design.md): MNRL with dot similarity and scale 1, 8 epochs, batch 32, 100 warm-up steps,
/// AdamW lr 2e-5, weight decay 0.01, grad-norm clip 1.0. Names match the CLI options
/// (<c>--batch-size</c> is <see cref="BatchSize"/>), blob metadata and the HTTP body.
/// </summary>
public sealed record TrainingOptions
{
    public string Model { get; init; } = "builtin";
    public int Epochs { get; init; } = 8;
    public int BatchSize { get; init; } = 32;
    public int WarmupSteps { get; init; } = 100;
    public double Lr { get; init; } = 2e-5;
    public double WeightDecay { get; init; } = 0.01;
    public double MaxGradNorm { get; init; } = 1.0;
    public SimilarityFunction Similarity { get; init; } = SimilarityFunction.Dot;

    /// <summary>Null means the default for the similarity: 1 for dot (the recipe), 20 for cos (the library).</summary>
    public double? Scale { get; init; }

    public LossKind Loss { get; init; } = LossKind.Mnrl;
    public int MiniBatchSize { get; init; } = 32;
    public int MaxSeqLength { get; init; } = 256;
    public Precision Precision { get; init; } = Precision.Fp32;
    public int Seed { get; init; } = 42;
    public int CheckpointEvery { get; init; } = 500;
    public string Device { get; init; } = "cpu";

    public double EffectiveScale => Scale ?? (Similarity == SimilarityFunction.Cos ? 20.0 : 1.0);
}
