using PairTuner.Contracts.Jobs;
using PairTuner.Training.ModelIO.Loading;
using PairTuner.Training.Modeling;

namespace PairTuner.Cli.Commands.Evaluation;

/// <summary>The options of one <c>pairtuner evaluate</c> call.</summary>
internal sealed record EvaluateRequest
{
    public string Model { get; init; } = "builtin";
    public string? Pairs { get; init; }
    public string? Beir { get; init; }
    public string Split { get; init; } = "test";
    public int BatchSize { get; init; } = 32;
    public Precision Precision { get; init; } = Precision.Fp32;
    public int? MaxSeqLength { get; init; }
    public string Device { get; init; } = "cpu";
    public bool LabelsSynthetic { get; init; }

    /// <summary>Resolves <see cref="Model"/>; null: the cache and Hub the environment names (PAIRTUNER_CACHE, HF_ENDPOINT, HF_TOKEN).</summary>
    public ModelLoader? Loader { get; init; }
}
