using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Azure.Storage.Blobs.Models;
using PairTuner.Workflow.Runs;
using PairTuner.Workflow.Storage;

namespace PairTuner.Cli.Hosting;

/// <summary>
/// <c>pairtuner bench workflow</c>: what a user of <c>pairtuner serve</c> gets. It uploads N
/// generated pairs to <c>pairs/</c> (shard size in the blob's metadata, as a user would set it),
/// lets the same watcher as <c>serve</c> notice the upload and start the run, and times upload ->
/// Ingest -> ScoreAndSplit fan-out -> trainer launch against a plain download + upload of the same
/// bytes through the same storage in the same process (the reference).
/// </summary>
public static class WorkflowBenchmark
{
    public sealed record Result(
        int Pairs,
        long Bytes,
        int Shards,
        double UploadSeconds,
        double UploadToTrainerStartSeconds,
        double PairsPerSecond,
        double CopySeconds,
        double RatioToCopy,
        double WatchIntervalSeconds);

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
        var folder = $"bench/{id}/";
        var name = folder + "pairs.jsonl";
        var store = session.Hub.Store;

        // Reference: the same bytes through the same storage, downloaded and uploaded once. It
        // runs first on a connection already open (the source upload), as the workflow's do.
        var reference = $"{ReferenceContainer}/{id}/reference.jsonl";
        var copyPath = $"{ReferenceContainer}/{id}/copy.jsonl";
        await store.WriteAsync(reference, new MemoryStream(content), cancellationToken).ConfigureAwait(false);
        var copy = Stopwatch.StartNew();
        using (var downloaded = new MemoryStream())
        {
            await using (var source = await store.OpenReadAsync(reference, cancellationToken).ConfigureAwait(false))
            {
                await source.CopyToAsync(downloaded, cancellationToken).ConfigureAwait(false);
            }

            downloaded.Position = 0;
            await store.WriteAsync(copyPath, downloaded, cancellationToken).ConfigureAwait(false);
        }

        copy.Stop();

        // The run starts the way `serve` starts it: its watcher sees the upload. Only this
        // benchmark's folder is watched, so older uploads in pairs/ start nothing.
        var starter = new PairsRunStarter(session.Hub.Client, store.Service);
        var watcher = new PairsWatcher(store.Service, starter) { Interval = options.WatchInterval, Prefix = folder };
        var started = new TaskCompletionSource<RunStart>(TaskCreationOptions.RunContinuationsAsynchronously);
        watcher.Started += start => started.TrySetResult(start);
        using var stopWatching = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var watching = watcher.RunAsync(stopWatching.Token);
        string? runId = null;
        try
        {
            timeline?.Mark("upload");
            var clock = Stopwatch.StartNew();
            await store.EnsureContainerAsync(BlobNames.PairsContainer, cancellationToken).ConfigureAwait(false);
            await store.Blob($"{BlobNames.PairsContainer}/{name}").UploadAsync(
                new MemoryStream(content),
                new BlobUploadOptions
                {
                    Metadata = new Dictionary<string, string> { ["shardSize"] = options.ShardSize.ToString(CultureInfo.InvariantCulture) },
                    TransferOptions = store.TransferOptions,
                },
                cancellationToken).ConfigureAwait(false);
            var uploaded = clock.Elapsed;
            timeline?.Mark("uploaded");

            var start = await started.Task.WaitAsync(TimeSpan.FromMinutes(5), cancellationToken).ConfigureAwait(false);
            runId = start.RunId;
            timeline?.Mark($"watcher started run {start.RunId} ({start.Outcome})");
            if (start.Outcome != RunStartOutcome.Started)
            {
                throw new InvalidOperationException($"The watcher did not start a run for {start.Input}: {start.Outcome} {start.Message}");
            }

            await launcher.LaunchedAsync(start.RunId).WaitAsync(TimeSpan.FromMinutes(30), cancellationToken).ConfigureAwait(false);
            var toTrainer = clock.Elapsed;
            timeline?.Mark("trainer launched");

            var shards = 0;
            await foreach (var _ in store.ListAsync(new RunPaths(start.RunId).ShardsPrefix, cancellationToken).ConfigureAwait(false))
            {
                shards++;
            }

            var workflowSeconds = (toTrainer - uploaded).TotalSeconds;
            return new Result(
                options.Pairs,
                content.Length,
                shards,
                uploaded.TotalSeconds,
                toTrainer.TotalSeconds,
                options.Pairs / workflowSeconds,
                copy.Elapsed.TotalSeconds,
                copy.Elapsed.TotalSeconds / workflowSeconds,
                options.WatchInterval.TotalSeconds);
        }
        finally
        {
            await stopWatching.CancelAsync().ConfigureAwait(false);
            await watching.ConfigureAwait(false);
            await CleanUpAsync(store, [reference, copyPath, $"{BlobNames.PairsContainer}/{name}"], runId).ConfigureAwait(false);
        }
    }

    /// <summary>The container of the reference copy's blobs.</summary>
    public const string ReferenceContainer = "bench";

    /// <summary>A benchmark of 1M pairs leaves about 1 GB behind; the storage is the user's, so it goes.</summary>
    private static async Task CleanUpAsync(BlobArtifactStore store, IEnumerable<string> paths, string? runId)
    {
        var doomed = paths.ToList();
        if (runId is not null)
        {
            var prefix = new RunPaths(runId).Prefix;
            await foreach (var path in store.ListAsync(prefix, CancellationToken.None).ConfigureAwait(false))
            {
                doomed.Add(path);
            }
        }

        await Parallel.ForEachAsync(doomed, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (path, token) =>
            await store.DeleteAsync(path, token).ConfigureAwait(false)).ConfigureAwait(false);
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
}
