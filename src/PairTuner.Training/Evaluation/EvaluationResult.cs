using System.Text.Json.Serialization;

namespace PairTuner.Training.Evaluation;

/// <summary>One model's metrics on one evaluation set, keyed by sentence-transformers' metric names.</summary>
public sealed record EvaluationResult
{
    public required IReadOnlyDictionary<string, double> Metrics { get; init; }

    /// <summary>Where the similarity labels came from; <see cref="LabelSource.Synthetic"/> makes the correlations meaningless.</summary>
    public required LabelSource Labels { get; init; }

    public required EvaluationCounts Counts { get; init; }

    /// <summary>Wall-clock seconds, embedding included.</summary>
    public double Seconds { get; init; }

    /// <summary>Why a metric is missing or what to keep in mind when reading one.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>Per-query values, rankings and pair cosines behind the metrics (pairs evaluations only; never serialized).</summary>
    [JsonIgnore]
    public EvaluationDetails? Details { get; init; }
}
