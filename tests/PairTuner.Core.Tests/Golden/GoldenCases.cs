using PairTuner.Contracts.Scoring;
using PairTuner.Core.Ingestion;
using PairTuner.Core.Scoring;
using PairTuner.Core.Splitting;
using PairTuner.Core.Validation;

namespace PairTuner.Core.Tests.Golden;

/// <summary>The option sets the golden files were made with.</summary>
internal static class GoldenCases
{
    public static (IngestOptions Ingest, SplitOptions Split) Options(string set) => set switch
    {
        // Several shards per file, half of each to eval.
        "shards" => (new IngestOptions { ShardSize = 16, BatchSize = 1, Scoring = new ScoringOptions { Seed = 5 } }, new SplitOptions { Seed = 3, TrainFraction = 0.5 }),

        // Scores on a 0-5 scale, a floor, and synthetic labels of another mean and spread.
        "rescaled" => (
            new IngestOptions { ShardSize = 50, BatchSize = 4, Scoring = new ScoringOptions { Rescale = ScoreRange.ZeroToFive, MinScore = 2, Seed = 9, Mean = 0.5, Scaling = 3 } },
            new SplitOptions { Seed = 11, TrainFraction = 0.7 }),

        // Every limit small enough to be met.
        "limits" => (
            new IngestOptions { ShardSize = 20, BatchSize = 2, Limits = new ValidationLimits { MaxTextChars = 30, MaxRecordBytes = 300, MaxReportedErrors = 3, MaxPairs = 50 } },
            new SplitOptions()),
        _ => throw new ArgumentOutOfRangeException(nameof(set), set, "Unknown golden option set."),
    };
}
