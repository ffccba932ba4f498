using PairTuner.Contracts.Options;
using PairTuner.Core.Ingestion;
using PairTuner.Core.Scoring;
using PairTuner.Core.Splitting;
using PairTuner.Workflow.Runs;

namespace PairTuner.Workflow.Ingestion;

/// <summary>Maps a run's options onto PairTuner.Core's ingest, scoring and split options.</summary>
public static class RunDataOptions
{
    public static ScoringOptions Scoring(RunOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new ScoringOptions
        {
            Mean = options.LabelMean,
            Scaling = options.LabelScaling,
            Seed = options.DataSeed,
            Rescale = options.Rescale,
            MinScore = options.MinScore,
        };
    }

    public static IngestOptions Ingest(RunOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new IngestOptions
        {
            Scoring = Scoring(options),
            ShardSize = options.ShardSize,
            BatchSize = options.Training.BatchSize,
        };
    }

    public static SplitOptions Split(RunOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new SplitOptions { TrainFraction = options.TrainFraction, Seed = options.DataSeed };
    }

}
