using PairTuner.Training.Evaluation;

namespace PairTuner.Cli.Commands.Evaluation;

/// <summary>What <c>pairtuner evaluate</c> prints: the metrics keyed by sentence-transformers' names, and their context.</summary>
internal sealed record EvaluateOutput
{
    public required string Model { get; init; }
    public required string ModelSource { get; init; }
    public required string Data { get; init; }
    public string? Split { get; init; }
    public required string Precision { get; init; }
    public int MaxSeqLength { get; init; }
    public required IReadOnlyDictionary<string, double> Metrics { get; init; }
    public required LabelSource Labels { get; init; }
    public required EvaluationCounts Counts { get; init; }
    public double Seconds { get; init; }
    public IReadOnlyList<string> Notes { get; init; } = [];
}
