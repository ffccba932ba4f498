using System.CommandLine;
using PairTuner.Core.Jobs;

namespace PairTuner.Trainer;

/// <summary>
/// The training options of <c>pairtuner train</c>. Names are
/// a contract with the workflow and docs/options.md; defaults come from <see cref="TrainingOptions"/>
/// (the reference recipe), so there is one place that states them.
/// </summary>
internal sealed class TrainingOptionSet
{
    private static readonly TrainingOptions Defaults = new();

    public Option<string> Model { get; } = new("--model") { Description = "Model to fine-tune: builtin (all-MiniLM-L6-v2), a sentence-transformers/Hugging Face folder, or a Hub id.", DefaultValueFactory = _ => Defaults.Model };
    public Option<int> Epochs { get; } = new("--epochs") { Description = "Passes over the training pairs.", DefaultValueFactory = _ => Defaults.Epochs };
    public Option<int> BatchSize { get; } = new("--batch-size") { Description = "Pairs per batch; every other pair of the batch is a negative.", DefaultValueFactory = _ => Defaults.BatchSize };
    public Option<int> WarmupSteps { get; } = new("--warmup-steps") { Description = "Steps of linear learning-rate warm-up from 0.", DefaultValueFactory = _ => Defaults.WarmupSteps };
    public Option<double> Lr { get; } = new("--lr") { Description = "Peak AdamW learning rate.", DefaultValueFactory = _ => Defaults.Lr };
    public Option<double> WeightDecay { get; } = new("--weight-decay") { Description = "AdamW weight decay (not on bias and LayerNorm).", DefaultValueFactory = _ => Defaults.WeightDecay };
    public Option<double> MaxGradNorm { get; } = new("--max-grad-norm") { Description = "Gradient-norm clipping; 0 turns it off.", DefaultValueFactory = _ => Defaults.MaxGradNorm };
    public Option<string> Similarity { get; } = new("--similarity") { Description = "dot (the reference recipe) or cos (the library's default).", DefaultValueFactory = _ => "dot" };
    public Option<double?> Scale { get; } = new("--scale") { Description = "Multiplier of the similarity scores [default: 1 for dot, 20 for cos]." };
    public Option<string> Loss { get; } = new("--loss") { Description = "mnrl, symmetric, or cached (GradCache: big batches in bounded memory).", DefaultValueFactory = _ => "mnrl" };
    public Option<int> MiniBatchSize { get; } = new("--mini-batch-size") { Description = "Texts embedded at once by --loss cached.", DefaultValueFactory = _ => Defaults.MiniBatchSize };
    public Option<int> MaxSeqLength { get; } = new("--max-seq-length") { Description = "Word pieces per text, [CLS] and [SEP] included; longer texts are cut.", DefaultValueFactory = _ => Defaults.MaxSeqLength };
    public Option<string> Precision { get; } = new("--precision") { Description = "fp32, or bf16 (mixed precision, fp32 master weights).", DefaultValueFactory = _ => "fp32" };
    public Option<int> Seed { get; } = new("--seed") { Description = "Seeds the split, the batches and dropout: the same seed gives the same run.", DefaultValueFactory = _ => Defaults.Seed };
    public Option<int> CheckpointEvery { get; } = new("--checkpoint-every") { Description = "Checkpoint every N steps (and at each epoch end); 0: epoch ends only.", DefaultValueFactory = _ => Defaults.CheckpointEvery };
    public Option<string> Device { get; } = new("--device") { Description = "cpu, or cuda (cuda:N) when TorchSharp has a GPU.", DefaultValueFactory = _ => Defaults.Device };

    public TrainingOptionSet()
    {
        Similarity.AcceptOnlyFromAmong("dot", "cos");
        Loss.AcceptOnlyFromAmong("mnrl", "symmetric", "cached");
        Precision.AcceptOnlyFromAmong("fp32", "bf16");
    }

    public IEnumerable<Option> All =>
    [
        Model, Epochs, BatchSize, WarmupSteps, Lr, WeightDecay, MaxGradNorm, Similarity, Scale, Loss,
        MiniBatchSize, MaxSeqLength, Precision, Seed, CheckpointEvery, Device,
    ];

    public void AddTo(Command command)
    {
        foreach (var option in All)
        {
            command.Options.Add(option);
        }
    }

    public TrainingOptions Bind(ParseResult result) => new()
    {
        Model = result.GetValue(Model) ?? Defaults.Model,
        Epochs = result.GetValue(Epochs),
        BatchSize = result.GetValue(BatchSize),
        WarmupSteps = result.GetValue(WarmupSteps),
        Lr = result.GetValue(Lr),
        WeightDecay = result.GetValue(WeightDecay),
        MaxGradNorm = result.GetValue(MaxGradNorm),
        Similarity = result.GetValue(Similarity) == "cos" ? SimilarityFunction.Cos : SimilarityFunction.Dot,
        Scale = result.GetValue(Scale),
        Loss = result.GetValue(Loss) switch { "symmetric" => LossKind.Symmetric, "cached" => LossKind.Cached, _ => LossKind.Mnrl },
        MiniBatchSize = result.GetValue(MiniBatchSize),
        MaxSeqLength = result.GetValue(MaxSeqLength),
        Precision = result.GetValue(Precision) == "bf16" ? Core.Jobs.Precision.Bf16 : Core.Jobs.Precision.Fp32,
        Seed = result.GetValue(Seed),
        CheckpointEvery = result.GetValue(CheckpointEvery),
        Device = result.GetValue(Device) ?? Defaults.Device,
    };

    /// <summary>True when the user typed the option (a job file's value wins otherwise).</summary>
    public static bool Given(ParseResult result, Option option) => result.GetResult(option) is { Implicit: false };
}
