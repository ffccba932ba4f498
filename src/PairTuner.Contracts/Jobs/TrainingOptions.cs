namespace PairTuner.Contracts.Jobs;

/// <summary>
/// Every knob of a fine-tuning run. Defaults are sentence-transformers' MNRL defaults: cos
/// similarity with scale 20, one epoch, batch 32, a linear warm-up over the first 10% of the steps,
/// AdamW lr 2e-5, weight decay 0.01, grad-norm clip 1.0; the best evaluation's weights are kept.
/// <see cref="Recipe.Seed"/> (<see cref="ForRecipe"/>) is the original reference recipe. Names
/// match the CLI options (<c>--batch-size</c> is <see cref="BatchSize"/>), blob metadata and the HTTP body.
/// </summary>
public sealed record TrainingOptions
{
    /// <summary>The cut-off the best evaluation is chosen by unless <see cref="SelectionMetric"/> says otherwise.</summary>
    public const string DefaultSelectionMetric = "cosine_ndcg@10";

    /// <summary>Which recipe the other settings started from (reports name it).</summary>
    public Recipe Recipe { get; init; } = Recipe.Default;

    public string Model { get; init; } = "builtin";
    public int Epochs { get; init; } = 1;
    public int BatchSize { get; init; } = 32;

    /// <summary>Warm-up steps; when above 0 they win over <see cref="WarmupRatio"/> (as in Hugging Face's TrainingArguments).</summary>
    public int WarmupSteps { get; init; }

    /// <summary>Fraction of all training steps spent warming up, when <see cref="WarmupSteps"/> is 0.</summary>
    public double WarmupRatio { get; init; } = 0.1;

    public double Lr { get; init; } = 2e-5;
    public double WeightDecay { get; init; } = 0.01;
    public double MaxGradNorm { get; init; } = 1.0;
    public SimilarityFunction Similarity { get; init; } = SimilarityFunction.Cos;

    /// <summary>Null means the default for the similarity: 20 for cos (the library), 1 for dot (the recipe).</summary>
    public double? Scale { get; init; }

    public LossKind Loss { get; init; } = LossKind.Mnrl;
    public int MiniBatchSize { get; init; } = 32;
    public int MaxSeqLength { get; init; } = 256;
    public Precision Precision { get; init; } = Precision.Fp32;
    public int Seed { get; init; } = 42;
    public int CheckpointEvery { get; init; } = 500;
    public string Device { get; init; } = "cpu";

    /// <summary>Evaluate every this many steps as well as before training and after each epoch; 0: epochs only.</summary>
    public int EvalSteps { get; init; }

    /// <summary>The metric whose best evaluation is published (higher is better); before training counts.</summary>
    public string SelectionMetric { get; init; } = DefaultSelectionMetric;

    /// <summary>
    /// Evaluations during training use a fixed seeded sample of this many eval pairs when the eval
    /// split is larger, so they stay cheap next to training; the final verdict uses the whole split.
    /// </summary>
    public int MaxEvalPairs { get; init; } = 1000;

    /// <summary><c>mine</c>: give pairs without a negative one mined from the training texts before training.</summary>
    public HardNegativesMode HardNegatives { get; init; } = HardNegativesMode.None;

    /// <summary>Mined negatives per pair (sentence-transformers' <c>num_negatives</c>); with more than 1 a pair trains once with each.</summary>
    public int NegativesPerPair { get; init; } = 1;

    /// <summary>Qualifying candidates skipped from the top (sentence-transformers' <c>range_min</c>).</summary>
    public int MineRangeMin { get; init; }

    /// <summary>How deep in each pair's ranking candidates are taken (<c>range_max</c>); null: <c>mineRangeMin + 10 x negativesPerPair</c>.</summary>
    public int? MineRangeMax { get; init; }

    /// <summary>A candidate qualifies when its cosine is at most the positive's minus this (<c>absolute_margin</c>).</summary>
    public double MineMargin { get; init; }

    public MineSampling MineSampling { get; init; } = MineSampling.Top;

    public double EffectiveScale => Scale ?? (Similarity == SimilarityFunction.Cos ? 20.0 : 1.0);

    /// <summary>Warm-up steps of a run of <paramref name="totalSteps"/> steps.</summary>
    public long WarmupStepsFor(long totalSteps)
        => WarmupSteps > 0 ? WarmupSteps : (long)Math.Ceiling(WarmupRatio * totalSteps);

    /// <summary>
    /// These options with <paramref name="recipe"/>'s settings in place of their own (the rest
    /// kept): what the <c>recipe</c> option does before the options given explicitly apply.
    /// </summary>
    public TrainingOptions WithRecipe(Recipe recipe)
    {
        var r = ForRecipe(recipe);
        return this with
        {
            Recipe = recipe, Similarity = r.Similarity, Scale = r.Scale, Epochs = r.Epochs, WarmupSteps = r.WarmupSteps, WarmupRatio = r.WarmupRatio, BatchSize = r.BatchSize,
        };
    }

    /// <summary>
    /// The settings a recipe starts from. <see cref="Recipe.Seed"/> is the reference recipe: dot
    /// similarity with scale 1, 8 epochs, 100 warm-up steps, batch 32 (its synthetic labels
    /// 0.9 ± 0.025 and its 80/20 split are the data defaults of both recipes).
    /// </summary>
    public static TrainingOptions ForRecipe(Recipe recipe) => recipe switch
    {
        Recipe.Default => new TrainingOptions(),
        Recipe.Seed => new TrainingOptions
        {
            Recipe = Recipe.Seed, Similarity = SimilarityFunction.Dot, Scale = 1, Epochs = 8, WarmupSteps = 100, WarmupRatio = 0, BatchSize = 32,
        },
        _ => throw new ArgumentOutOfRangeException(nameof(recipe), recipe, "no such recipe"),
    };
}
