using PairTuner.Core.Formats;
using PairTuner.Core.Scoring;
using PairTuner.Core.Validation;

namespace PairTuner.Core.Ingestion;

/// <summary>Everything ingest needs besides the file: limits, the score scale and filter, shard size and batch size.</summary>
public sealed record IngestOptions
{
    public ValidationLimits Limits { get; init; } = new();

    /// <summary>Ingest applies <see cref="ScoringOptions.Rescale"/> and <see cref="ScoringOptions.MinScore"/>; the rest is used by <see cref="ShardSplitter"/>.</summary>
    public ScoringOptions Scoring { get; init; } = new();

    /// <summary>Most pairs per shard (default 50,000): the unit of parallel scoring and splitting, and what bounds their memory.</summary>
    public int ShardSize { get; init; } = 50_000;

    /// <summary>The training batch size (TrainingOptions.BatchSize): a file needs one batch plus one eval pair.</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>Read the file as this format instead of detecting it.</summary>
    public PairsFormat? Format { get; init; }

    public int MinUsablePairs => BatchSize + 1;

    public void Validate()
    {
        Limits.Validate();
        Scoring.Validate();
        if (ShardSize <= 0)
        {
            throw new ArgumentException($"shardSize must be positive; got {ShardSize}.");
        }

        if (BatchSize <= 0)
        {
            throw new ArgumentException($"batchSize must be positive; got {BatchSize}.");
        }
    }
}
