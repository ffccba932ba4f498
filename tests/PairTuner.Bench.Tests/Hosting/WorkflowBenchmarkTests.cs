using PairTuner.Bench.Hosting;
using PairTuner.Cli.Hosting;
using PairTuner.Cli.Tests.Hosting;
using PairTuner.Contracts.Runs;
using PairTuner.Workflow.Runs;

namespace PairTuner.Bench.Tests.Hosting;

/// <summary><c>pairtuner-bench workflow</c>'s measurement on Azurite: through serve's watcher to the trainer's launch.</summary>
public sealed class WorkflowBenchmarkTests
{
    [Fact]
    public async Task Times_an_upload_through_the_watcher_and_the_fan_out_to_the_trainer_launch_and_cleans_up()
    {
        var storage = await TestStorage.RequireAsync();
        var launcher = new InstantTrainerLauncher();
        await using var session = await LocalSession.StartAsync(
            new LocalSessionOptions { Storage = storage, Launcher = launcher, TaskHubName = TestStorage.NewTaskHub() });

        // 400 pairs at 100 a shard: the shard size reaches the run only through the upload's metadata.
        var result = await WorkflowBenchmark.RunAsync(
            session,
            launcher,
            new WorkflowBenchmarkOptions { Pairs = 400, ShardSize = 100, WatchInterval = TimeSpan.FromMilliseconds(200), WarmUp = false });

        Assert.Equal(4, result.Shards);
        Assert.True(launcher.LaunchedAsync(result.RunId).IsCompletedSuccessfully);
        Assert.Equal(WorkflowBenchmark.Generate(400).Length, result.Bytes);
        Assert.InRange(result.UploadSeconds, 0, result.UploadToTrainerStartSeconds);
        Assert.True(result.CopySeconds > 0);
        Assert.Equal(result.CopySeconds / (result.UploadToTrainerStartSeconds - result.UploadSeconds), result.RatioToCopy, 6);
        Assert.Equal(400 / (result.UploadToTrainerStartSeconds - result.UploadSeconds), result.PairsPerSecond, 6);

        // The run was the watcher's (its id comes from the upload's name and ETag), and nothing of it is left.
        var folder = result.Input[..(result.Input.LastIndexOf('/') + 1)];
        Assert.StartsWith("pairs/bench/", folder, StringComparison.Ordinal);
        Assert.StartsWith("bench-", result.RunId, StringComparison.Ordinal);
        Assert.Empty(await ToListAsync(session.Hub.Store.ListAsync(new RunPaths(result.RunId).Prefix)));
        Assert.Empty(await ToListAsync(session.Hub.Store.ListAsync(folder)));
        Assert.Empty(await ToListAsync(session.Hub.Store.ListAsync($"{WorkflowBenchmark.ReferenceContainer}/{folder["pairs/bench/".Length..]}")));
    }

    private static async Task<List<string>> ToListAsync(IAsyncEnumerable<string> items)
    {
        var list = new List<string>();
        await foreach (var item in items)
        {
            list.Add(item);
        }

        return list;
    }
}
