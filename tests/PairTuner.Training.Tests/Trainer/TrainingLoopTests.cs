using PairTuner.Contracts.Jobs;
using PairTuner.Contracts.Storage;
using PairTuner.Training.Checkpoints;
using PairTuner.Training.Tests.TestModels;
using PairTuner.Training.Trainer;
using static TorchSharp.torch;

namespace PairTuner.Training.Tests.Trainer;

[Collection(TorchRandomCollection.Name)]
public sealed class TrainingLoopTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("pairtuner-loop-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static readonly TrainingOptions Options = new()
    {
        Epochs = 2, BatchSize = 8, WarmupSteps = 2, Lr = 5e-3, Seed = 9, CheckpointEvery = 3,
        Similarity = SimilarityFunction.Cos,
    };

    [Fact]
    public async Task Killed_and_resumed_reaches_the_weights_of_an_uninterrupted_run()
    {
        var pairs = SyntheticPairs.Create(30);

        using var straight = new TinyEncoder(dropoutProbability: 0.2);
        var straightResult = await new TrainingLoop(straight, pairs, Options).RunAsync(null, resume: false);
        Assert.Equal(8, straightResult.Steps); // 30 pairs in batches of 8: 4 per epoch, 2 epochs

        var checkpoints = new CheckpointStore(new LocalArtifactStore(_root), "run/checkpoints/");
        using var interrupted = new TinyEncoder(dropoutProbability: 0.2);
        using var kill = new CancellationTokenSource();
        var firstLoop = new TrainingLoop(interrupted, pairs, Options) { OnStep = p => { if (p.Step == 5) { kill.Cancel(); } } };
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => firstLoop.RunAsync(checkpoints, resume: false, kill.Token));

        // The newest complete checkpoint is the epoch end at step 4; step 5's work is lost, as in a crash.
        using var resumedModel = new TinyEncoder(dropoutProbability: 0.2, seed: 1234); // other initial weights: all must come from the checkpoint
        var resumed = await new TrainingLoop(resumedModel, pairs, Options).RunAsync(checkpoints, resume: true);

        Assert.Equal(4, resumed.ResumedFromStep);
        Assert.Equal(8, resumed.Steps);
        Assert.Equal(straightResult.Log.Skip(4).Select(p => p.Loss), resumed.Log.Select(p => p.Loss));
        var expected = straight.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        foreach (var (name, parameter) in resumedModel.named_parameters())
        {
            Assert.True(expected[name].eq(parameter).all().item<bool>(), $"{name} differs after resume");
        }
    }

    [Fact]
    public async Task A_batch_where_only_some_pairs_have_a_negative_still_trains_with_those_negatives()
    {
        // One batch of 8; half the pairs carry a negative. Extra candidates can only raise the
        // first step's cross-entropy, so a loss above the no-negatives run's shows they were used.
        var pairs = SyntheticPairs.Create(8);
        var half = pairs.Select((p, i) => i % 2 == 0 ? p with { Negative = $"unrelated words number {i}" } : p).ToArray();
        var options = Options with { Epochs = 1 };

        using var plain = new TinyEncoder();
        var without = await new TrainingLoop(plain, pairs, options).RunAsync(null, resume: false);
        using var mixed = new TinyEncoder();
        var with = await new TrainingLoop(mixed, half, options).RunAsync(null, resume: false);

        Assert.Equal(1, with.Steps);
        Assert.True(with.Log[0].Loss > without.Log[0].Loss + 1e-6, $"{with.Log[0].Loss} vs {without.Log[0].Loss}");
    }

    [Fact]
    public async Task Resume_with_other_data_is_refused()
    {
        var checkpoints = new CheckpointStore(new LocalArtifactStore(_root), "other/");
        using var model = new TinyEncoder();
        await new TrainingLoop(model, SyntheticPairs.Create(30), Options with { Epochs = 1 }).RunAsync(checkpoints, resume: false);

        using var again = new TinyEncoder();
        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => new TrainingLoop(again, SyntheticPairs.Create(31), Options with { Epochs = 1 }).RunAsync(checkpoints, resume: true));
        Assert.Contains("another run", error.Message);
    }

    [Fact]
    public async Task Reports_progress_with_the_scheduled_learning_rate_and_checkpoints_every_n_steps()
    {
        var checkpoints = new CheckpointStore(new LocalArtifactStore(_root), "progress/", keep: 10);
        var saved = new List<string>();
        using var model = new TinyEncoder();
        var loop = new TrainingLoop(model, SyntheticPairs.Create(30), Options) { OnCheckpoint = saved.Add };
        var result = await loop.RunAsync(checkpoints, resume: false);

        Assert.Equal(new long[] { 1, 2, 3, 4, 5, 6, 7, 8 }, result.Log.Select(p => p.Step));
        Assert.Equal(0.0, result.Log[0].LearningRate);           // warm-up starts at 0, as in transformers
        Assert.Equal(Options.Lr * 0.5, result.Log[1].LearningRate, 12);
        Assert.Equal(Options.Lr, result.Log[2].LearningRate, 12);
        Assert.Equal(Options.Lr / 6, result.Log[7].LearningRate, 12);
        Assert.All(result.Log, p => Assert.True(p.PairsPerSecond > 0 && p.EtaSeconds >= 0));
        Assert.Equal(new[] { 1, 1, 1, 1, 2, 2, 2, 2 }, result.Log.Select(p => p.Epoch));
        // every 3 steps (3, 6) and each epoch end (4, 8)
        Assert.Equal(new[] { "progress/step-000000003/", "progress/step-000000004/", "progress/step-000000006/", "progress/step-000000008/" }, saved);
    }

    [Fact]
    public async Task Cached_loss_trains_like_the_plain_loss_with_dropout_off()
    {
        var pairs = SyntheticPairs.Create(30, negatives: true);
        using var plain = new TinyEncoder(dropoutProbability: 0);
        using var cached = new TinyEncoder(dropoutProbability: 0);
        var a = await new TrainingLoop(plain, pairs, Options).RunAsync(null, false);
        var b = await new TrainingLoop(cached, pairs, Options with { Loss = LossKind.Cached, MiniBatchSize = 3 }).RunAsync(null, false);

        Assert.Equal(a.Log.Select(p => Math.Round(p.Loss, 4)), b.Log.Select(p => Math.Round(p.Loss, 4)));
        var expected = plain.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        foreach (var (name, parameter) in cached.named_parameters())
        {
            Assert.True(allclose(expected[name], parameter, rtol: 1e-3, atol: 1e-5), $"{name} differs");
        }
    }
}
