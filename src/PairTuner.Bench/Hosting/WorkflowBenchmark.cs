using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Azure.Storage.Blobs.Models;
using Microsoft.DurableTask.Client;
using PairTuner.Cli.Hosting;
using PairTuner.Contracts.Runs;
using PairTuner.Workflow.Runs;
using PairTuner.Workflow.Storage;

namespace PairTuner.Bench.Hosting;

/// <summary>
/// <c>pairtuner-bench workflow</c>: what a user of <c>pairtuner serve</c> gets. It uploads N
/// generated pairs to <c>pairs/</c> (shard size in the blob's metadata, as a user would set it),
/// lets the same watcher as <c>serve</c> notice the upload and start the run, and times upload ->
/// Ingest -> ScoreAndSplit fan-out -> trainer launch against a plain download + upload of the same
/// bytes through the same storage in the same process (the reference). By default a small run goes
/// through first, so the measured one meets a host that is up and has run code before, as a
/// <c>serve</c> that has taken an upload; <see cref="WorkflowBenchmarkOptions.WarmUp"/> off measures a cold host.
/// </summary>
public static class WorkflowBenchmark
{
    /// <summary>The container of the reference copy's blobs.</summary>
    public const string ReferenceContainer = "bench";

    /// <summary>Pairs in the warm-up run: enough for a batch and an eval split, quick to ingest.</summary>
    private const int WarmUpPairs = 1_000;

    public sealed record Result(
        int Pairs,
        long Bytes,
        int Shards,
        double UploadSeconds,
        double UploadToTrainerStartSeconds,
        double PairsPerSecond,
        double CopySeconds,
        double RatioToCopy,
        double WatchIntervalSeconds,
        bool WarmedUp,
        string Input,
        string RunId);

    public static async Task<Result> RunAsync(
        LocalSession session,
        InstantTrainerLauncher launcher,
        WorkflowBenchmarkOptions options,
        TimelineLoggerProvider? timeline = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(launcher);
        ArgumentNullException.ThrowIfNull(options);
        var content = Generate(options.Pairs);
        var id = Guid.NewGuid().ToString("N");
        var store = session.Hub.Store;
        var doomed = new List<string>();

        // The run starts the way `serve` starts it: its watcher sees the upload. Only this
        // benchmark's folder is watched, so older uploads in pairs/ start nothing.
        var folder = $"bench/{id}/";
        var starter = new PairsRunStarter(session.Hub.Client, store.Service);
        var watcher = new PairsWatcher(store.Service, starter) { Interval = options.WatchInterval, Prefix = folder };
        var started = new ConcurrentDictionary<string, TaskCompletionSource<RunStart>>(StringComparer.Ordinal);
        watcher.Started += start => Waiter(started, start.Input).TrySetResult(start);
        using var stopWatching = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var watching = watcher.RunAsync(stopWatching.Token);
        try
        {
            var run = new MeasuredRun(store, launcher, started, options.ShardSize, doomed, timeline);
            if (options.WarmUp)
            {
                var warmUp = await run.MeasureAsync(folder + "warmup.jsonl", Generate(WarmUpPairs), cancellationToken).ConfigureAwait(false);

                // Its orchestration goes on (trainer check, publish) after the launch; let it end first.
                using var settle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                settle.CancelAfter(TimeSpan.FromMinutes(2));
                await session.Hub.Client.WaitForInstanceCompletionAsync(warmUp.RunId, settle.Token).ConfigureAwait(false);
            }

            var copySeconds = await CopyAsync(store, content, $"{ReferenceContainer}/{id}/", doomed, cancellationToken).ConfigureAwait(false);
            var measured = await run.MeasureAsync(folder + "pairs.jsonl", content, cancellationToken).ConfigureAwait(false);
            var workflowSeconds = measured.ToTrainer - measured.Uploaded;
            return new Result(
                options.Pairs,
                content.Length,
                measured.Shards,
                measured.Uploaded,
                measured.ToTrainer,
                options.Pairs / workflowSeconds,
                copySeconds,
                copySeconds / workflowSeconds,
                options.WatchInterval.TotalSeconds,
                options.WarmUp,
                measured.Input,
                measured.RunId);
        }
        finally
        {
            await stopWatching.CancelAsync().ConfigureAwait(false);
            await watching.ConfigureAwait(false);
            await CleanUpAsync(store, doomed).ConfigureAwait(false);
        }
    }

    /// <summary>Distinct, realistic-length pairs as JSON Lines (question-like text1, answer-like text2).</summary>
    public static byte[] Generate(int pairs)
    {
        var builder = new StringBuilder(pairs * 120);
        for (var i = 0; i < pairs; i++)
        {
            var topic = i % 97;
            builder.Append(JsonSerializer.Serialize(new
            {
                text1 = $"How do I reset the password of account {i} in workspace {topic}?",
                text2 = $"Account {i}: open workspace {topic} settings, choose Security, then Reset password and follow the email link.",
            })).Append('\n');
        }

        return Encoding.UTF8.GetBytes(builder.ToString());
    }

    /// <summary>The reference: the same bytes downloaded and uploaded once through the same store (its source is uploaded first, untimed).</summary>
    private static async Task<double> CopyAsync(BlobArtifactStore store, byte[] content, string prefix, List<string> doomed, CancellationToken cancellationToken)
    {
        var source = prefix + "reference.jsonl";
        var target = prefix + "copy.jsonl";
        doomed.Add(source);
        doomed.Add(target);
        await store.WriteAsync(source, new MemoryStream(content), cancellationToken).ConfigureAwait(false);
        var copy = Stopwatch.StartNew();
        using (var downloaded = new MemoryStream())
        {
            await using (var stream = await store.OpenReadAsync(source, cancellationToken).ConfigureAwait(false))
            {
                await stream.CopyToAsync(downloaded, cancellationToken).ConfigureAwait(false);
            }

            downloaded.Position = 0;
            await store.WriteAsync(target, downloaded, cancellationToken).ConfigureAwait(false);
        }

        return copy.Elapsed.TotalSeconds;
    }

    private static TaskCompletionSource<RunStart> Waiter(ConcurrentDictionary<string, TaskCompletionSource<RunStart>> started, string input)
        => started.GetOrAdd(input, _ => new TaskCompletionSource<RunStart>(TaskCreationOptions.RunContinuationsAsynchronously));

    /// <summary>A benchmark of 1M pairs leaves about 1 GB behind; the storage is the user's, so it goes.</summary>
    private static async Task CleanUpAsync(BlobArtifactStore store, List<string> doomed)
    {
        await Parallel.ForEachAsync(doomed, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (path, token) =>
        {
            if (path.EndsWith('/'))
            {
                await foreach (var blob in store.ListAsync(path, token).ConfigureAwait(false))
                {
                    await store.DeleteAsync(blob, token).ConfigureAwait(false);
                }
            }
            else
            {
                await store.DeleteAsync(path, token).ConfigureAwait(false);
            }
        }).ConfigureAwait(false);
    }

    /// <summary>One upload timed to its trainer's launch.</summary>
    private sealed class MeasuredRun(
        BlobArtifactStore store,
        InstantTrainerLauncher launcher,
        ConcurrentDictionary<string, TaskCompletionSource<RunStart>> started,
        int shardSize,
        List<string> doomed,
        TimelineLoggerProvider? timeline)
    {
        public async Task<(double Uploaded, double ToTrainer, int Shards, string Input, string RunId)> MeasureAsync(string name, byte[] content, CancellationToken cancellationToken)
        {
            var input = $"{BlobNames.PairsContainer}/{name}";
            doomed.Add(input);
            await store.EnsureContainerAsync(BlobNames.PairsContainer, cancellationToken).ConfigureAwait(false);
            timeline?.Mark($"upload {name}");
            var clock = Stopwatch.StartNew();
            await store.Blob(input).UploadAsync(
                new MemoryStream(content),
                new BlobUploadOptions
                {
                    Metadata = new Dictionary<string, string> { ["shardSize"] = shardSize.ToString(CultureInfo.InvariantCulture) },
                    TransferOptions = store.TransferOptions,
                },
                cancellationToken).ConfigureAwait(false);
            var uploaded = clock.Elapsed.TotalSeconds;
            timeline?.Mark("uploaded");

            var start = await Waiter(started, input).Task.WaitAsync(TimeSpan.FromMinutes(5), cancellationToken).ConfigureAwait(false);
            doomed.Add(new RunPaths(start.RunId).Prefix);
            timeline?.Mark($"watcher started run {start.RunId} ({start.Outcome})");
            if (start.Outcome != RunStartOutcome.Started)
            {
                throw new InvalidOperationException($"The watcher did not start a run for {input}: {start.Outcome} {start.Message}");
            }

            await launcher.LaunchedAsync(start.RunId).WaitAsync(TimeSpan.FromMinutes(30), cancellationToken).ConfigureAwait(false);
            var toTrainer = clock.Elapsed.TotalSeconds;
            timeline?.Mark("trainer launched");

            var shards = 0;
            await foreach (var _ in store.ListAsync(new RunPaths(start.RunId).ShardsPrefix, cancellationToken).ConfigureAwait(false))
            {
                shards++;
            }

            return (uploaded, toTrainer, shards, input, start.RunId);
        }
    }
}
