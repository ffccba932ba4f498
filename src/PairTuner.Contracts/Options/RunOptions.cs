using PairTuner.Contracts.Jobs;
using PairTuner.Contracts.Scoring;

namespace PairTuner.Contracts.Options;

/// <summary>
/// Every option a run takes: the data options of ingestion, scoring and splitting, the training
/// options, and the workflow's own limits. Data-option types come from PairTuner.Core once its
/// ingest API lands; until then they are kept here as plain values.
/// </summary>
public sealed record RunOptions
{
    public TrainingOptions Training { get; init; } = new();

    /// <summary>Pairs per shard; each shard is scored and split by its own activity.</summary>
    public int ShardSize { get; init; } = 50_000;

    /// <summary>Fraction of each shard that goes to train; the rest (nothing dropped) is eval.</summary>
    public double TrainFraction { get; init; } = 0.8;

    /// <summary>Seed of the labels and the split (the trainer's shuffle uses <see cref="TrainingOptions.Seed"/>).</summary>
    public int DataSeed { get; init; } = 42;

    /// <summary>
    /// The scale of the scores in the file (0-1, 0-5 like STS-B, 1-5 like SICK-R); they are mapped
    /// into [0, 1] while ingesting. PairTuner.Core's <see cref="ScoreRange"/>.
    /// </summary>
    public ScoreRange Rescale { get; init; } = ScoreRange.Unit;

    /// <summary>
    /// Pairs whose score, as written in the file (on the <see cref="Rescale"/> scale), is below this
    /// are left out: 4 keeps STS-B's near-paraphrases. Null keeps every pair; pairs without a score are kept.
    /// </summary>
    public double? MinScore { get; init; }

    /// <summary>Centre of the synthetic label <c>mean + (uniform[0,1) - 0.5) / scaling</c> given to pairs without a score.</summary>
    public double LabelMean { get; init; } = 0.9;

    /// <summary>Divisor of the synthetic label's spread (20 gives labels in [0.875, 0.925)).</summary>
    public double LabelScaling { get; init; } = 20;

    /// <summary>Trainer relaunches with resume after it died, before the run fails.</summary>
    public int MaxTrainerRestarts { get; init; } = 3;

    /// <summary>The whole run fails after this long.</summary>
    public TimeSpan RunTimeout { get; init; } = TimeSpan.FromHours(24);

    /// <summary>How often the monitor reads the trainer's heartbeat and publishes progress.</summary>
    public TimeSpan MonitorInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// A running trainer whose <c>status.json</c> is older than this is taken for hung: it is
    /// stopped and relaunched with resume (counts against <see cref="MaxTrainerRestarts"/>).
    /// </summary>
    public TimeSpan TrainerHeartbeatTimeout { get; init; } = TimeSpan.FromMinutes(15);
}
