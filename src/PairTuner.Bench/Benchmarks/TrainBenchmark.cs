using System.Diagnostics;
using PairTuner.Contracts.Jobs;
using PairTuner.Training.Losses;
using PairTuner.Training.Modeling;
using PairTuner.Training.Optimization;
using PairTuner.Training.Runtime;
using PairTuner.Training.Trainer;
using static TorchSharp.torch;

namespace PairTuner.Bench.Benchmarks;

/// <summary>
/// <c>pairtuner-bench train</c>: times full training steps (embed both columns, MNRL, backward,
/// clip, AdamW) of the real model on batches of whole-word texts of an exact token length, after
/// warm-up, and in the same process a large matmul in the same precision; the ratio of the two
/// achieved GFLOP/s says how much of the machine's matmul speed training gets. Training FLOPs per
/// step are 6 x non-embedding parameters x tokens plus attention's 12 x layers x hidden x seq^2 per
/// sequence (forward 4 x L x h x s^2, backward twice that).
/// </summary>
public sealed class TrainBenchmark
{
    private readonly EncoderSentenceModel _model;
    private readonly string[] _words;

    public TrainBenchmark(EncoderSentenceModel model)
    {
        _model = model ?? throw new ArgumentNullException(nameof(model));
        _words = model.WholeWords().ToArray();
        if (_words.Length < 100)
        {
            throw new ArgumentException("The benchmark needs a vocabulary with at least 100 whole-word tokens.", nameof(model));
        }
    }

    public int WarmupSteps { get; init; } = 2;

    public int TimedSteps { get; init; } = 5;

    /// <summary>Parameters outside the embedding tables (word, position, token type): what the 6·N·T rule counts.</summary>
    public long NonEmbeddingParameters => _model.NamedParameters
        .Where(p => !p.Name.StartsWith("embeddings.", StringComparison.Ordinal) || p.Name.Contains("LayerNorm", StringComparison.Ordinal))
        .Where(p => !p.Name.StartsWith("pooler.", StringComparison.Ordinal))
        .Sum(p => p.Parameter.numel());

    public double StepFlops(int batchPairs, int seq)
    {
        var sequences = 2L * batchPairs;
        var tokens = sequences * seq;
        var config = _model.Encoder.Config;
        var attention = 12.0 * config.NumHiddenLayers * config.HiddenSize * seq * (double)seq * sequences;
        return (6.0 * NonEmbeddingParameters * tokens) + attention;
    }

    /// <summary>Times training steps; returns seconds per step.</summary>
    public double TimeSteps(int batchPairs, int seq, Precision precision)
    {
        _model.Encoder.Precision = precision;
        var options = new TrainingOptimizerOptions { WarmupSteps = 0 };
        using var optimizer = new TrainingOptimizer(_model.NamedParameters, options, new LinearWarmupSchedule(options.Lr, 0, 1_000_000));
        var loss = new MultipleNegativesRankingLoss(new RankingLossOptions());
        _model.SetTraining(true);
        var batch = Batch(batchPairs, seq);
        for (var i = 0; i < WarmupSteps; i++)
        {
            Step(optimizer, loss, batch, i);
        }

        var clock = Stopwatch.StartNew();
        for (var i = 0; i < TimedSteps; i++)
        {
            Step(optimizer, loss, batch, WarmupSteps + i);
        }

        Synchronize();
        return clock.Elapsed.TotalSeconds / TimedSteps;
    }

    /// <summary>Achieved GFLOP/s of an n x n x n matmul in the precision, on the model's device, after warm-up.</summary>
    public double MatmulGflops(Precision precision, int n = 2048, int repeats = 5)
    {
        var dtype = precision == Precision.Bf16 ? ScalarType.BFloat16 : ScalarType.Float32;
        using var scope = NewDisposeScope();
        var a = randn(n, n, device: _model.Encoder.Device).to(dtype);
        var b = randn(n, n, device: _model.Encoder.Device).to(dtype);
        a.matmul(b).Dispose();
        Synchronize();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < repeats; i++)
        {
            a.matmul(b).Dispose();
        }

        Synchronize();
        return 2.0 * n * n * (double)n * repeats / clock.Elapsed.TotalSeconds / 1e9;
    }

    private void Step(TrainingOptimizer optimizer, MultipleNegativesRankingLoss loss, RankingBatch batch, long step)
    {
        optimizer.ZeroGrad();
        loss.Backward(_model.Embed, batch with { DropoutSeed = step });
        optimizer.Step(step);
    }

    private RankingBatch Batch(int pairs, int seq)
    {
        // seq - 2 whole-word tokens plus [CLS] and [SEP]: exactly seq word pieces per text.
        var random = new Contracts.Randomness.SeededRandom(seq);
        string Text() => string.Join(' ', Enumerable.Range(0, seq - 2).Select(_ => _words[random.NextIntByRemainder(_words.Length)]));
        var anchors = Enumerable.Range(0, pairs).Select(_ => Text()).ToArray();
        var positives = Enumerable.Range(0, pairs).Select(_ => Text()).ToArray();
        return new RankingBatch(anchors, positives, null, 0);
    }

    private void Synchronize() => ComputeDevice.Of(_model.Encoder.Device).Synchronize(TorchSharpCuda.Instance);
}
