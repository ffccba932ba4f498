using PairTuner.Contracts.Storage;
using PairTuner.Core.Splitting;

namespace PairTuner.Core.Ingestion;

/// <summary>
/// The whole pairs pipeline without the workflow: ingest a file and score-and-split each shard
/// as soon as it is written, from memory, as ingest built it, rather than read back from the
/// store, on another core while ingest reads on (one split at a time: with the shard being built
/// and the one being written, at most three shards are in memory). The CLI, the benchmark and tests use it; the workflow runs the same two steps as
/// Durable activities.
/// </summary>
public static class LocalPairsPipeline
{
    public static async Task<PairsPipelineResult> RunAsync(
        string inputPath,
        IArtifactStore store,
        string runPrefix,
        IngestOptions ingest,
        SplitOptions split,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(ingest);
        ArgumentNullException.ThrowIfNull(split);
        split.Validate();
        ingest.Validate();

        var splits = new List<SplitResult>();
        Task<SplitResult>? running = null;
        async Task SplitAsync(int index, Shard shard)
        {
            if (running is not null)
            {
                splits.Add(await running.ConfigureAwait(false));
            }

            running = Task.Run(
                () => ShardSplitter.ScoreAndSplitAsync(store, runPrefix, index, shard, ingest.Scoring, split, cancellationToken),
                cancellationToken);
        }

        IngestResult result;
        try
        {
            result = await PairsIngestor.IngestFileAsync(inputPath, ingest, store, runPrefix, SplitAsync, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (running is not null)
            {
                splits.Add(await running.ConfigureAwait(false));
            }
        }

        if (result.Fatal)
        {
            // Early shards were split before the file turned out fatal: drop what they made.
            foreach (var made in splits)
            {
                await store.DeleteAsync(made.TrainPath, cancellationToken).ConfigureAwait(false);
                await store.DeleteAsync(made.EvalPath, cancellationToken).ConfigureAwait(false);
            }

            splits.Clear();
        }

        return new PairsPipelineResult { Ingest = result, Splits = splits };
    }

    /// <summary>Into a local folder: shards, splits and validation.json land under <c>{folder}/{runPrefix}</c>.</summary>
    public static Task<PairsPipelineResult> RunToFolderAsync(
        string inputPath,
        string folder,
        IngestOptions ingest,
        SplitOptions split,
        string runPrefix = "runs/local/",
        CancellationToken cancellationToken = default)
        => RunAsync(inputPath, new LocalArtifactStore(folder), runPrefix, ingest, split, cancellationToken);
}
