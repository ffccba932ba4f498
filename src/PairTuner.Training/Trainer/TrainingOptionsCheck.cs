using System.Globalization;
using PairTuner.Core.Jobs;
using PairTuner.Training.Mining;

namespace PairTuner.Training.Trainer;

/// <summary>Rejects options no run can use, naming the command-line option at fault.</summary>
public static class TrainingOptionsCheck
{
    public static void Validate(TrainingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Require(options.Epochs >= 1, "--epochs", "at least 1", options.Epochs);
        Require(options.BatchSize >= 2, "--batch-size", "at least 2 (MNRL needs in-batch negatives)", options.BatchSize);
        Require(options.WarmupSteps >= 0, "--warmup-steps", "0 or more", options.WarmupSteps);
        Require(double.IsFinite(options.WarmupRatio) && options.WarmupRatio is >= 0 and <= 1, "--warmup-ratio", "between 0 and 1", options.WarmupRatio);
        Require(options.EvalSteps >= 0, "--eval-steps", "0 (epoch ends only) or more", options.EvalSteps);
        Require(options.MaxEvalPairs >= 2, "--max-eval-pairs", "at least 2", options.MaxEvalPairs);
        Require(!string.IsNullOrWhiteSpace(options.SelectionMetric), "--selection-metric", "a metric name such as cosine_ndcg@10", options.SelectionMetric);
        Require(double.IsFinite(options.Lr) && options.Lr > 0, "--lr", "a positive number", options.Lr);
        Require(double.IsFinite(options.WeightDecay) && options.WeightDecay >= 0, "--weight-decay", "0 or more", options.WeightDecay);
        Require(double.IsFinite(options.MaxGradNorm) && options.MaxGradNorm >= 0, "--max-grad-norm", "0 (off) or more", options.MaxGradNorm);
        Require(options.Scale is null || (double.IsFinite(options.Scale.Value) && options.Scale.Value > 0), "--scale", "a positive number", options.Scale ?? 0);
        Require(options.MiniBatchSize >= 1, "--mini-batch-size", "at least 1", options.MiniBatchSize);
        Require(options.MaxSeqLength is >= 2 and <= 512, "--max-seq-length", "between 2 and 512 (BERT's position table)", options.MaxSeqLength);
        Require(options.CheckpointEvery >= 0, "--checkpoint-every", "0 (epoch ends only) or more", options.CheckpointEvery);
        Require(options.Device is "cpu" || options.Device.StartsWith("cuda", StringComparison.Ordinal), "--device", "cpu or cuda (cuda:N)", options.Device);
        if (HardNegativeMinerOptions.From(options).Problems() is [var first, ..])
        {
            throw new ArgumentException(first);
        }
    }

    private static void Require(bool ok, string option, string expected, object actual)
    {
        if (!ok)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"{option} must be {expected}; got {actual}."));
        }
    }
}
