using PairTuner.Core.Splitting;

namespace PairTuner.Core.Ingestion;

/// <summary>Ingest followed by score-and-split of every shard, as <see cref="LocalPairsPipeline"/> runs it.</summary>
public sealed record PairsPipelineResult
{
    public required IngestResult Ingest { get; init; }

    public required IReadOnlyList<SplitResult> Splits { get; init; }

    public long Train => Splits.Sum(s => (long)s.Train);

    public long Eval => Splits.Sum(s => (long)s.Eval);

    public bool LabelsSynthetic => Splits.Any(s => s.LabelsSynthetic);

    public IReadOnlyList<string> TrainPaths => Splits.Select(s => s.TrainPath).ToArray();

    public IReadOnlyList<string> EvalPaths => Splits.Select(s => s.EvalPath).ToArray();
}
