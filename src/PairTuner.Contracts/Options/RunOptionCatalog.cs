using System.Text.RegularExpressions;
using PairTuner.Contracts.Jobs;
using PairTuner.Contracts.Scoring;

namespace PairTuner.Contracts.Options;

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
        // To add an option: give TrainingOptions (or RunOptions) the property with its default, add
        // one line here, and the row docs/options.md's test prints. Every flag, body field, metadata
        // key, app setting and the job.json check follow from the line.
        All =
        [
            // Training (PairTuner.Contracts.Jobs.TrainingOptions): job.json's "options", and pairtuner train's flags.
            // recipe is applied before every other option, whatever its source, so the ones given explicitly override it.
            Training("recipe", "Where the training settings start: default (sentence-transformers' MNRL defaults: cos, scale 20, 1 epoch, warm-up 10% of the steps) or seed (the reference recipe: dot, scale 1, 8 epochs, warm-up 100 steps, batch 32); options given explicitly override it.",
                OptionParsers.Choice<Recipe>(), o => o.Recipe, (o, v) => o.WithRecipe(v)),
            Training("epochs", "Passes over the training split.",
                OptionParsers.Integer(1, 1000), o => o.Epochs, (o, v) => o with { Epochs = v }),
            Training("batchSize", "Pairs per batch; every other pair of the batch is a negative, so bigger batches make a harder task.",
                OptionParsers.Integer(2, 65_536), o => o.BatchSize, (o, v) => o with { BatchSize = v }),
            Training("warmupSteps", "Steps of linear learning-rate warm-up before the linear decay.",
                OptionParsers.Integer(0, 10_000_000), o => o.WarmupSteps, (o, v) => o with { WarmupSteps = v }),
            Training("warmupRatio", "Fraction of all training steps spent warming up, when warmupSteps is 0.",
                OptionParsers.Number(0, 1), o => o.WarmupRatio, (o, v) => o with { WarmupRatio = v }),
            Training("lr", "AdamW peak learning rate.",
                OptionParsers.Number(0, 1, minExclusive: true), o => o.Lr, (o, v) => o with { Lr = v }, "learningRate"),
            Training("weightDecay", "AdamW weight decay (not applied to biases and LayerNorm).",
                OptionParsers.Number(0, 1), o => o.WeightDecay, (o, v) => o with { WeightDecay = v }),
            Training("maxGradNorm", "Gradient-norm clip; 0 turns clipping off.",
                OptionParsers.Number(0, 1e6), o => o.MaxGradNorm, (o, v) => o with { MaxGradNorm = v }),
            Training("similarity", "Similarity inside the loss: dot (the recipe) or cos (the library's default).",
                OptionParsers.Choice<SimilarityFunction>(), o => o.Similarity, (o, v) => o with { Similarity = v }),
            Training("scale", "Multiplier of the similarities before the softmax.",
                OptionParsers.OptionalNumber(0, 1000, minExclusive: true, "1 for dot, 20 for cos"), o => o.Scale, (o, v) => o with { Scale = v }),
            Training("loss", "mnrl (MultipleNegativesRankingLoss), symmetric (both directions) or cached (GradCache, memory bounded by miniBatchSize).",
                OptionParsers.Choice<LossKind>(), o => o.Loss, (o, v) => o with { Loss = v }),
            Training("miniBatchSize", "Pairs per forward pass of the cached loss; at most batchSize.",
                OptionParsers.Integer(1, 65_536), o => o.MiniBatchSize, (o, v) => o with { MiniBatchSize = v }),
            Encoding(Training("maxSeqLength", "Word pieces per text (longer texts are truncated); all-MiniLM-L6-v2 has 512 positions.",
                OptionParsers.Integer(8, 512), o => o.MaxSeqLength, (o, v) => o with { MaxSeqLength = v })),
            Encoding(Training("precision", "Arithmetic of the model's passes: fp32, or bf16 (mixed precision: bfloat16 matrix products, fp32 weights, reductions and pooling).",
                OptionParsers.Choice<Precision>(), o => o.Precision, (o, v) => o with { Precision = v })),
            Training("seed", "Seed of the trainer's shuffles, dropout and initialisation (and of pairtuner train's split).",
                OptionParsers.Integer(0, int.MaxValue), o => o.Seed, (o, v) => o with { Seed = v }),
            Training("checkpointEvery", "Training steps between checkpoints, besides one at each epoch end (0: epoch ends only); a relaunched trainer resumes from the last one.",
                OptionParsers.Integer(0, int.MaxValue), o => o.CheckpointEvery, (o, v) => o with { CheckpointEvery = v }),
            Training("evalSteps", "Evaluate every this many training steps too, besides before training and after each epoch (0: epochs only).",
                OptionParsers.Integer(0, int.MaxValue), o => o.EvalSteps, (o, v) => o with { EvalSteps = v }),
            Training("selectionMetric", "The metric whose best evaluation (before training included) is the published model; spearman_cosine or pearson_cosine only with scores people gave.",
                OptionParsers.Matching(MetricPattern(), "a metric such as cosine_ndcg@10, cosine_mrr@10, cosine_accuracy@1, cosine_recall@10 or spearman_cosine",
                    "cosine_ndcg@10", "cosine_map@100", "spearman_cosine", "ndcg", "cosine_ndcg@", "accuracy@1"),
                o => o.SelectionMetric, (o, v) => o with { SelectionMetric = v }),
            Training("maxEvalPairs", "Evaluations during training use a fixed seeded sample of this many eval pairs when the eval split is larger; the verdict uses all of it.",
                OptionParsers.Integer(2, int.MaxValue), o => o.MaxEvalPairs, (o, v) => o with { MaxEvalPairs = v }),
            Training("hardNegatives", "mine: before training, give each pair without a negative one mined with the base model (sentence-transformers' mine_hard_negatives); none: only the file's negative column.",
                OptionParsers.Choice<HardNegativesMode>(), o => o.HardNegatives, (o, v) => o with { HardNegatives = v }),
            Training("negativesPerPair", "Mined negatives per pair (num_negatives); a pair trains once with each.",
                OptionParsers.Integer(1, 100), o => o.NegativesPerPair, (o, v) => o with { NegativesPerPair = v }),
            Training("mineRangeMin", "Qualifying candidates skipped from the top of each pair's ranking (range_min).",
                OptionParsers.Integer(0, 9_999), o => o.MineRangeMin, (o, v) => o with { MineRangeMin = v }),
            Training("mineRangeMax", "How deep in each pair's ranking mined candidates are looked for (range_max); above mineRangeMin.",
                OptionParsers.OptionalInteger(1, 10_000, "mineRangeMin + 10 x negativesPerPair"), o => o.MineRangeMax, (o, v) => o with { MineRangeMax = v }),
            Training("mineMargin", "A candidate qualifies when its cosine is at most the positive's minus this (absolute_margin).",
                OptionParsers.Number(-2, 2), o => o.MineMargin, (o, v) => o with { MineMargin = v }),
            Training("mineSampling", "top (the hardest qualifying candidates) or random (a seeded draw) (sampling_strategy).",
                OptionParsers.Choice<MineSampling>(), o => o.MineSampling, (o, v) => o with { MineSampling = v }),
            Encoding(Training("device", "Where the model computes (the trainer, embed, evaluate); no CPU fallback.",
                OptionParsers.Matching(DevicePattern(), "cpu, cuda or cuda:N", "cpu", "cuda", "cuda:1", "CUDA:0", "cuda:100", "tpu"),
                o => o.Device, (o, v) => o with { Device = v.ToLowerInvariant() })),
            Training("model", "The model to fine-tune: the bundled all-MiniLM-L6-v2, a previous run's tuned model, or a Hugging Face model; pairtuner train also takes a local folder.",
                OptionParsers.Satisfying(ModelReference.IsPortable, "builtin, models/{runId}/ (a previous run's model) or a Hugging Face id owner/name[@revision]",
                    "builtin", "models/tickets-0123456789ab/", "sentence-transformers/all-MiniLM-L6-v2", "owner/name@v1.0", "models/../secrets/", "models/Upper/", "../model", "/etc/passwd", "name-only"),
                o => o.Model, (o, v) => o with { Model = v }),

            // Data: ingestion, scoring and splitting (pairtuner train reads its local files with rescale and minScore too).
            Run("shardSize", "Pairs per shard; shards are scored and split in parallel.",
                OptionParsers.Integer(1, 1_000_000), o => o.ShardSize, (o, v) => o with { ShardSize = v }),
            Run("trainFraction", "Fraction of the pairs that trains; the rest (nothing dropped by rounding) evaluates.",
                OptionParsers.Number(0, 1, minExclusive: true, maxExclusive: true), o => o.TrainFraction, (o, v) => o with { TrainFraction = v }),
            Run("dataSeed", "Seed of the synthetic labels and the train/eval split.",
                OptionParsers.Integer(0, int.MaxValue), o => o.DataSeed, (o, v) => o with { DataSeed = v }),
            new RunOption<ScoreRange>("rescale", "The scale of the scores in the file; they are mapped into [0, 1] while ingesting.",
                OptionParsers.ScoreRanges(), o => o.Rescale, (o, v) => o with { Rescale = v }, trains: true, "scoreScale", "scoreRange"),
            new RunOption<double?>("minScore", "Pairs whose score, as written in the file (on the rescale scale), is below this are left out; 4 keeps STS-B's near-paraphrases.",
                OptionParsers.OptionalNumber(0, 5, minExclusive: false, "keep every pair"), o => o.MinScore, (o, v) => o with { MinScore = v }, trains: true),
            Run("labelMean", "Centre of the synthetic label given to pairs without a score.",
                OptionParsers.Number(0, 1), o => o.LabelMean, (o, v) => o with { LabelMean = v }),
            Run("labelScaling", "Divisor of the synthetic label's spread: mean + (uniform[0,1) - 0.5) / scaling.",
                OptionParsers.Number(0, 1e6, minExclusive: true), o => o.LabelScaling, (o, v) => o with { LabelScaling = v }),

            // Workflow limits.
            Run("maxTrainerRestarts", "Relaunches (with resume) of a trainer that died, before the run fails.",
                OptionParsers.Integer(0, 100), o => o.MaxTrainerRestarts, (o, v) => o with { MaxTrainerRestarts = v }),
            Run("runTimeout", "The whole run fails after this long.",
                OptionParsers.Duration(TimeSpan.FromMinutes(1), TimeSpan.FromDays(7)), o => o.RunTimeout, (o, v) => o with { RunTimeout = v }),
            Run("monitorInterval", "How often the run reads the trainer's heartbeat and publishes progress.",
                OptionParsers.Duration(TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(10)), o => o.MonitorInterval, (o, v) => o with { MonitorInterval = v }),
            Run("trainerHeartbeatTimeout", "A trainer whose status.json is older than this is taken for hung, stopped and relaunched with resume.",
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

    /// <summary>
    /// The options of a job.json (values read as JSON, not as text) that no run may use, each named
    /// with <see cref="OptionSource.JobFile"/>; empty when all are allowed. A local model folder
    /// passes where <paramref name="localModelFolders"/> says the model is read on this machine.
    /// </summary>
    public static IReadOnlyList<OptionError> Check(TrainingOptions options, bool localModelFolders = false)
    {
        ArgumentNullException.ThrowIfNull(options);
        var run = new RunOptions { Training = options };
        var errors = new List<OptionError>();
        foreach (var option in All.Where(o => o.Trains))
        {
            if (!option.Holds(run, out var text) && !(localModelFolders && option.Name == "model" && Directory.Exists(options.Model)))
            {
                errors.Add(new OptionError(option.Name, text, OptionSource.JobFile, "must be " + option.Allowed));
            }
        }

        return errors;
    }

    /// <summary>Throws <see cref="RunOptionsException"/> naming every option of <paramref name="options"/> that <see cref="Check"/> refuses.</summary>
    public static void Validate(TrainingOptions options, bool localModelFolders = false)
    {
        if (Check(options, localModelFolders) is { Count: > 0 } errors)
        {
            throw new RunOptionsException(errors);
        }
    }

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

    private static RunOption<T> Training<T>(
        string name, string description, OptionParser<T> parser, Func<TrainingOptions, T> get, Func<TrainingOptions, T, TrainingOptions> set, params string[] aliases) =>
        new(name, description, parser, o => get(o.Training), (o, v) => o with { Training = set(o.Training, v) }, trains: true, aliases);

    /// <summary>Marks a training option that embed and evaluate take too (see <see cref="RunOption.Encodes"/>).</summary>
    private static RunOption<T> Encoding<T>(RunOption<T> option)
    {
        option.Encodes = true;
        return option;
    }

    private static RunOption<T> Run<T>(
        string name, string description, OptionParser<T> parser, Func<RunOptions, T> get, Func<RunOptions, T, RunOptions> set, params string[] aliases) =>
        new(name, description, parser, get, set, trains: false, aliases);

    // sentence-transformers' metric names (PairTuner.Training's MetricNames); the run checks the name against its evaluation.
    [GeneratedRegex("^(cosine_(accuracy|precision|recall|ndcg|mrr|map)@[1-9][0-9]{0,3}|spearman_cosine|pearson_cosine)$", RegexOptions.CultureInvariant)]
    private static partial Regex MetricPattern();

    [GeneratedRegex("^(cpu|cuda|cuda:[0-9]{1,2})$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DevicePattern();
}
