using System.Text.RegularExpressions;
using PairTuner.Core.Jobs;
using PairTuner.Core.Scoring;
using PairTuner.Workflow.Runs;

namespace PairTuner.Workflow.Options;

/// <summary>
/// Every option a run takes, with its limits. The limits are there to catch typos and values that
/// cannot work (a batch of 1 has no in-batch negatives; all-MiniLM-L6-v2 has 512 positions), not
/// to second-guess a recipe.
/// </summary>
public static partial class RunOptionCatalog
{
    /// <summary>The configuration section whose keys are option names: <c>PairTuner:Defaults:epochs</c>.</summary>
    public const string SettingsSection = "PairTuner:Defaults";

    private static readonly Dictionary<string, RunOption> ByKey = new(StringComparer.Ordinal);

    static RunOptionCatalog()
    {
        All =
        [
            // Training (PairTuner.Core.Jobs.TrainingOptions).
            new RunOption<int>("epochs", "Passes over the training split.",
                OptionParsers.Integer(1, 1000), o => o.Training.Epochs, (o, v) => o with { Training = o.Training with { Epochs = v } }),
            new RunOption<int>("batchSize", "Pairs per batch; every other pair of the batch is a negative, so bigger batches make a harder task.",
                OptionParsers.Integer(2, 65_536), o => o.Training.BatchSize, (o, v) => o with { Training = o.Training with { BatchSize = v } }),
            new RunOption<int>("warmupSteps", "Steps of linear learning-rate warm-up before the linear decay.",
                OptionParsers.Integer(0, 10_000_000), o => o.Training.WarmupSteps, (o, v) => o with { Training = o.Training with { WarmupSteps = v } }),
            new RunOption<double>("lr", "AdamW peak learning rate.",
                OptionParsers.Number(0, 1, minExclusive: true), o => o.Training.Lr, (o, v) => o with { Training = o.Training with { Lr = v } }, "learningRate"),
            new RunOption<double>("weightDecay", "AdamW weight decay (not applied to biases and LayerNorm).",
                OptionParsers.Number(0, 1), o => o.Training.WeightDecay, (o, v) => o with { Training = o.Training with { WeightDecay = v } }),
            new RunOption<double>("maxGradNorm", "Gradient-norm clip.",
                OptionParsers.Number(0, 1e6, minExclusive: true), o => o.Training.MaxGradNorm, (o, v) => o with { Training = o.Training with { MaxGradNorm = v } }),
            new RunOption<SimilarityFunction>("similarity", "Similarity inside the loss: dot (the recipe) or cos (the library's default).",
                OptionParsers.Choice<SimilarityFunction>(), o => o.Training.Similarity, (o, v) => o with { Training = o.Training with { Similarity = v } }),
            new RunOption<double?>("scale", "Multiplier of the similarities before the softmax.",
                OptionParsers.OptionalNumber(0, 1000, minExclusive: true, "1 for dot, 20 for cos"), o => o.Training.Scale, (o, v) => o with { Training = o.Training with { Scale = v } }),
            new RunOption<LossKind>("loss", "mnrl (MultipleNegativesRankingLoss), symmetric (both directions) or cached (GradCache, memory bounded by miniBatchSize).",
                OptionParsers.Choice<LossKind>(), o => o.Training.Loss, (o, v) => o with { Training = o.Training with { Loss = v } }),
            new RunOption<int>("miniBatchSize", "Pairs per forward pass of the cached loss; at most batchSize.",
                OptionParsers.Integer(1, 65_536), o => o.Training.MiniBatchSize, (o, v) => o with { Training = o.Training with { MiniBatchSize = v } }),
            new RunOption<int>("maxSeqLength", "Word pieces per text (longer texts are truncated); all-MiniLM-L6-v2 has 512 positions.",
                OptionParsers.Integer(8, 512), o => o.Training.MaxSeqLength, (o, v) => o with { Training = o.Training with { MaxSeqLength = v } }),
            new RunOption<Precision>("precision", "Arithmetic of the forward and backward passes.",
                OptionParsers.Choice<Precision>(), o => o.Training.Precision, (o, v) => o with { Training = o.Training with { Precision = v } }),
            new RunOption<int>("seed", "Seed of the trainer's shuffles and initialisation.",
                OptionParsers.Integer(0, int.MaxValue), o => o.Training.Seed, (o, v) => o with { Training = o.Training with { Seed = v } }),
            new RunOption<int>("checkpointEvery", "Training steps between checkpoints (a relaunched trainer resumes from the last one).",
                OptionParsers.Integer(1, int.MaxValue), o => o.Training.CheckpointEvery, (o, v) => o with { Training = o.Training with { CheckpointEvery = v } }),
            new RunOption<string>("device", "Where the trainer computes.",
                OptionParsers.Matching(DevicePattern(), "cpu, cuda or cuda:N"), o => o.Training.Device, (o, v) => o with { Training = o.Training with { Device = v.ToLowerInvariant() } }),
            new RunOption<string>("model", "The model to fine-tune: the bundled all-MiniLM-L6-v2, or a previous run's tuned model.",
                OptionParsers.Matching(ModelPattern(), "builtin, or models/{runId}/ (a previous run's model)"), o => o.Training.Model, (o, v) => o with { Training = o.Training with { Model = v } }),

            // Data: ingestion, scoring and splitting.
            new RunOption<int>("shardSize", "Pairs per shard; shards are scored and split in parallel.",
                OptionParsers.Integer(1, 1_000_000), o => o.ShardSize, (o, v) => o with { ShardSize = v }),
            new RunOption<double>("trainFraction", "Fraction of the pairs that trains; the rest (nothing dropped by rounding) evaluates.",
                OptionParsers.Number(0, 1, minExclusive: true, maxExclusive: true), o => o.TrainFraction, (o, v) => o with { TrainFraction = v }),
            new RunOption<int>("dataSeed", "Seed of the synthetic labels and the train/eval split.",
                OptionParsers.Integer(0, int.MaxValue), o => o.DataSeed, (o, v) => o with { DataSeed = v }),
            new RunOption<ScoreRange>("rescale", "The scale of the scores in the file; they are mapped into [0, 1] while ingesting.",
                OptionParsers.ScoreRanges(), o => o.Rescale, (o, v) => o with { Rescale = v }, "scoreScale"),
            new RunOption<double?>("minScore", "Pairs whose score, as written in the file (on the rescale scale), is below this are left out; 4 keeps STS-B's near-paraphrases.",
                OptionParsers.OptionalNumber(0, 5, minExclusive: false, "keep every pair"), o => o.MinScore, (o, v) => o with { MinScore = v }),
            new RunOption<double>("labelMean", "Centre of the synthetic label given to pairs without a score.",
                OptionParsers.Number(0, 1), o => o.LabelMean, (o, v) => o with { LabelMean = v }),
            new RunOption<double>("labelScaling", "Divisor of the synthetic label's spread: mean + (uniform[0,1) - 0.5) / scaling.",
                OptionParsers.Number(0, 1e6, minExclusive: true), o => o.LabelScaling, (o, v) => o with { LabelScaling = v }),

            // Workflow limits.
            new RunOption<int>("maxTrainerRestarts", "Relaunches (with resume) of a trainer that died, before the run fails.",
                OptionParsers.Integer(0, 100), o => o.MaxTrainerRestarts, (o, v) => o with { MaxTrainerRestarts = v }),
            new RunOption<TimeSpan>("runTimeout", "The whole run fails after this long.",
                OptionParsers.Duration(TimeSpan.FromMinutes(1), TimeSpan.FromDays(7)), o => o.RunTimeout, (o, v) => o with { RunTimeout = v }),
            new RunOption<TimeSpan>("monitorInterval", "How often the run reads the trainer's heartbeat and publishes progress.",
                OptionParsers.Duration(TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(10)), o => o.MonitorInterval, (o, v) => o with { MonitorInterval = v }),
            new RunOption<TimeSpan>("trainerHeartbeatTimeout", "A trainer whose status.json is older than this is taken for hung, stopped and relaunched with resume.",
                OptionParsers.Duration(TimeSpan.FromSeconds(30), TimeSpan.FromDays(1)), o => o.TrainerHeartbeatTimeout, (o, v) => o with { TrainerHeartbeatTimeout = v }),
        ];

        foreach (var option in All)
        {
            foreach (var key in option.Keys)
            {
                ByKey.Add(key, option);
            }
        }
    }

    /// <summary>Every option, in the order of the table in docs/options.md.</summary>
    public static IReadOnlyList<RunOption> All { get; }

    /// <summary>Finds an option by any of its names, ignoring case, '-' and '_'.</summary>
    public static RunOption? Find(string key) => ByKey.GetValueOrDefault(RunOption.Normalize(key));

    /// <summary>The option whose name is closest to a mistyped key, for "did you mean" hints.</summary>
    internal static RunOption? Closest(string key)
    {
        var normalized = RunOption.Normalize(key);
        RunOption? best = null;
        var bestDistance = int.MaxValue;
        foreach (var option in All)
        {
            foreach (var candidate in option.Keys)
            {
                var distance = EditDistance(normalized, candidate);
                if (distance < bestDistance)
                {
                    bestDistance = distance;
                    best = option;
                }
            }
        }

        return bestDistance <= Math.Max(2, normalized.Length / 4) ? best : null;
    }

    private static int EditDistance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }

    [GeneratedRegex("^(cpu|cuda|cuda:[0-9]{1,2})$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DevicePattern();

    // A previous run's model: the same run-id alphabet as RunIds, so nothing reaches outside models/.
    [GeneratedRegex("^(builtin|models/[a-z0-9](?:[a-z0-9-]{0,62})/)$", RegexOptions.CultureInvariant)]
    private static partial Regex ModelPattern();
}
