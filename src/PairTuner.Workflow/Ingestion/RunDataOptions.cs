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
        var range = Range(options.ScoreScale);
        return new ScoringOptions
        {
            Mean = options.LabelMean,
            Scaling = options.LabelScaling,
            Seed = options.DataSeed,
            Rescale = range,

            // The run's minScore is on the [0, 1] scale (after scoreScale); Core filters on the file's own scale.
            MinScore = options.MinScore is { } min ? ScoreScale.Min(range) + min * (ScoreScale.Max(range) - ScoreScale.Min(range)) : null,
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

    /// <summary>scoreScale is the divisor of the file's scores: none or 1 for [0, 1], 5 for STS-B's 0-5.</summary>
    private static ScoreRange Range(double? scoreScale) => scoreScale switch
    {
        null or 1.0 => ScoreRange.Unit,
        5.0 => ScoreRange.ZeroToFive,
        _ => throw new ArgumentException($"scoreScale must be 1 (scores in [0, 1]) or 5 (0-5, like STS-B); got {scoreScale}."),
    };
}
