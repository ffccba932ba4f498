using PairTuner.Contracts.Jobs;
using PairTuner.Contracts.Verdicts;
using PairTuner.Training.Evaluation;
using PairTuner.Training.Reporting;
using PairTuner.Training.Selection;

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

    /// <summary>A report with what a run of today writes besides the metrics: verdict, evaluations, examples.</summary>
    public static EvalReport ReportWithVerdict() => Report() with
    {
        Verdict = VerdictRules.Decide("cosine_ndcg@10", 0.66, 0.73, new ConfidenceInterval(0.041, 0.099), 298, "queries", keptStep: 38, resamples: 1000),
        KeptStep = 38,
        Evaluations =
        [
            Evaluation(0, 0, 0.66), Evaluation(19, 0.5, 0.70), Evaluation(38, 1, 0.73), Evaluation(57, 1.5, 0.72), Evaluation(76, 2, 0.71),
        ],
        Examples = new RankChanges
        {
            Rose = [Change("A man rides a wave on a surfboard.", "Surfer riding a large ocean wave.", 14, 1), Change("Two dogs play in the snow.", "Dogs running through snow.", 6, 2)],
            Fell = [Change("A red bus on a city street.", "A double decker bus drives past shops.", 1, 9)],
        },
    };

    private static TrainingEvaluation Evaluation(long step, double epoch, double ndcg) => new()
    {
        Step = step, Epoch = epoch, Metrics = new Dictionary<string, double> { ["cosine_ndcg@10"] = ndcg }, EvalPairs = 300, Seconds = 2,
    };

    private static RankChange Change(string query, string positive, int? before, int? after) => new()
    {
        Query = query, Positive = positive, BaseRank = before, TunedRank = after, BaseTopHit = "A <b>bold</b> distractor.", TunedTopHit = positive,
    };

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
