using PairTuner.Core.Splitting;
using PairTuner.Core.Storage;

namespace PairTuner.Core.Ingestion;

/// <summary>
/// The whole pairs pipeline without the workflow: ingest a file, then score and split every shard
/// (in parallel), into any <see cref="IArtifactStore"/>. The CLI, the benchmark and tests use it;
/// the workflow runs the same two steps as Durable activities.
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
        ArgumentNullException.ThrowIfNull(ingest);
        ArgumentNullException.ThrowIfNull(split);
        split.Validate();
        var result = await PairsIngestor.IngestFileAsync(inputPath, ingest, store, runPrefix, cancellationToken).ConfigureAwait(false);
        if (result.Fatal)
        {
            return new PairsPipelineResult { Ingest = result, Splits = [] };
        }

        var splits = new SplitResult[result.ShardPaths.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, splits.Length),
            new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Environment.ProcessorCount },
            async (k, ct) => splits[k] = await ShardSplitter.ScoreAndSplitAsync(store, runPrefix, k, ingest.Scoring, split, ct).ConfigureAwait(false)).ConfigureAwait(false);

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
