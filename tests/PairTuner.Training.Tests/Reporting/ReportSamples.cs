using PairTuner.Core.Jobs;
using PairTuner.Training.Evaluation;
using PairTuner.Training.Reporting;

namespace PairTuner.Training.Tests.Reporting;

/// <summary>A report and a training log shaped like a real run's, for the report tests.</summary>
internal static class ReportSamples
{
    public static EvaluationResult Result(double shift, LabelSource labels = LabelSource.Gold) => new()
    {
        Metrics = new Dictionary<string, double>
        {
            ["cosine_accuracy@1"] = 0.52 + shift,
            ["cosine_accuracy@10"] = 0.81 + shift,
            ["cosine_recall@10"] = 0.81 + shift,
            ["cosine_mrr@10"] = 0.61 + shift,
            ["cosine_ndcg@10"] = 0.66 + shift,
            ["cosine_map@100"] = 0.62 + shift,
            ["spearman_cosine"] = 0.84 + (shift / 2),
            ["pearson_cosine"] = 0.85 + (shift / 2),
        },
        Labels = labels,
        Counts = new EvaluationCounts { Pairs = 300, LabelledPairs = 300, Queries = 298, Corpus = 300 },
        Seconds = 4.5,
    };

    public static EvalReport Report(LabelSource labels = LabelSource.Gold) => EvalReport.Create(
        Result(0, labels),
        Result(0.07, labels),
        new TrainingOptions { Epochs = 2, WarmupSteps = 10 },
        trainPairs: 1200,
        trainingSeconds: 321.5,
        runId: "stsb-<demo>",
        versions: new VersionInfo { PairTuner = "1.0.0-test", TorchSharp = "0.107.0", DotNet = ".NET 10.0", Os = "Linux (X64)" },
        createdAt: new DateTimeOffset(2026, 11, 30, 6, 0, 0, TimeSpan.Zero));

    /// <summary>Two epochs of 38 steps: warm-up then linear decay, a noisy falling loss.</summary>
    public static IReadOnlyList<TrainingLogEntry> Log()
    {
        var random = new Random(3);
        var entries = new List<TrainingLogEntry>();
        const int total = 76;
        for (var step = 1; step <= total; step++)
        {
            var lr = step <= 10 ? 2e-5 * step / 10 : 2e-5 * (total - step) / (total - 10);
            entries.Add(new TrainingLogEntry
            {
                Step = step,
                Epoch = (step - 1) / 38,
                Loss = (0.9 * Math.Exp(-step / 25.0)) + 0.15 + (random.NextDouble() * 0.08),
                LearningRate = lr,
                PairsPerSecond = 40 + random.NextDouble(),
                ElapsedSeconds = step * 0.8,
            });
        }

        return entries;
    }
}
