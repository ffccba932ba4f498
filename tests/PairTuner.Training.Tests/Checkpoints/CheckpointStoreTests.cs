using PairTuner.Contracts.Storage;
using PairTuner.Training.Batching;
using PairTuner.Training.Checkpoints;

namespace PairTuner.Training.Tests.Checkpoints;

public sealed class CheckpointStoreTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("pairtuner-ckpt-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static CheckpointState State(long step) => new()
    {
        Step = step, TotalSteps = 100, Position = new SamplerPosition(0, (int)step), Seed = 42, TrainPairs = 10, Loss = 1.5,
    };

    [Fact]
    public async Task Keeps_the_two_newest_and_loads_the_newest()
    {
        var store = new CheckpointStore(new LocalArtifactStore(_root), "runs/r1/checkpoints/");
        foreach (var step in new long[] { 5, 10, 15 })
        {
            await store.SaveAsync(State(step), new MemoryStream([(byte)step]), new MemoryStream([1, 2, 3]));
        }

        var folders = await store.ListAsync();
        Assert.Equal(new long[] { 10, 15 }, folders.Select(f => f.Step));
        Assert.All(folders, f => Assert.True(f.Complete));

        var latest = await store.LoadLatestAsync();
        Assert.NotNull(latest);
        Assert.Equal(15, latest.State.Step);
        Assert.Equal(new byte[] { 15 }, latest.Weights);
        Assert.Equal(new byte[] { 1, 2, 3 }, latest.OptimizerState);
        Assert.Equal(new SamplerPosition(0, 15), latest.State.Position);
    }

    [Fact]
    public async Task A_half_written_checkpoint_is_never_loaded()
    {
        var artifacts = new LocalArtifactStore(_root);
        var store = new CheckpointStore(artifacts, "ckpt/");
        await store.SaveAsync(State(10), new MemoryStream([10]), new MemoryStream([0]));

        // A trainer that died while writing step 20: weights and state there, marker missing.
        var half = Path.Combine(_root, "ckpt", "step-000000020");
        Directory.CreateDirectory(half);
        await File.WriteAllBytesAsync(Path.Combine(half, CheckpointStore.WeightsFile), [20]);
        await File.WriteAllTextAsync(Path.Combine(half, CheckpointStore.StateFile), "{ \"step\": 20 ");

        var latest = await store.LoadLatestAsync();
        Assert.Equal(10, latest!.State.Step);
        Assert.Contains(await store.ListAsync(), f => f.Step == 20 && !f.Complete);
    }

    [Fact]
    public async Task Nothing_to_resume_from_is_null()
    {
        var store = new CheckpointStore(new LocalArtifactStore(_root), "none/");
        Assert.Null(await store.LoadLatestAsync());
    }
}
