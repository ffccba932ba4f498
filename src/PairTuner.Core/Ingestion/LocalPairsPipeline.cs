using PairTuner.Core.Splitting;
using PairTuner.Core.Storage;

namespace PairTuner.Core.Ingestion;

/// <summary>
/// The whole pairs pipeline without the workflow: ingest a file and score-and-split each shard
/// as soon as it is written, on other cores, while ingest reads on. The shard is split from
/// memory, as ingest built it, rather than read back from the store. The CLI, the benchmark and
/// tests use it; the workflow runs the same two steps as Durable activities.
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

        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var slots = new SemaphoreSlim(Math.Max(1, Environment.ProcessorCount - 1));
        var splits = new List<Task<SplitResult>>();
        // Called from the shard writes, which may finish together. It returns once the split has a
        // core, so shards waiting for one hold back ingest rather than pile up in memory; the
        // split task owns the shard.
        async Task StartSplitAsync(int index, ShardLines shard)
        {
            try
            {
                await slots.WaitAsync(cancel.Token).ConfigureAwait(false);
            }
            catch
            {
                shard.Dispose();
                throw;
            }

            var task = Task.Run(
                async () =>
                {
                    using (shard)
                    {
                        try
                        {
                            return await ShardSplitter.ScoreAndSplitAsync(store, runPrefix, index, shard, ingest.Scoring, split, cancel.Token).ConfigureAwait(false);
                        }
                        finally
                        {
                            slots.Release();
                        }
                    }
                },
                CancellationToken.None);
            lock (splits)
            {
                splits.Add(task);
            }
        }

        IngestResult result;
        try
        {
            result = await PairsIngestor.IngestFileAsync(inputPath, ingest, store, runPrefix, StartSplitAsync, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await cancel.CancelAsync().ConfigureAwait(false);
            await Task.WhenAll(splits).ContinueWith(_ => { }, TaskScheduler.Default).ConfigureAwait(false);
            throw;
        }

        var results = (await Task.WhenAll(splits).ConfigureAwait(false)).OrderBy(r => r.ShardIndex).ToArray();
        if (result.Fatal)
        {
            // Early shards were split before the file turned out fatal: drop what they made.
            foreach (var made in results)
            {
                await store.DeleteAsync(made.TrainPath, cancellationToken).ConfigureAwait(false);
                await store.DeleteAsync(made.EvalPath, cancellationToken).ConfigureAwait(false);
            }

            return new PairsPipelineResult { Ingest = result, Splits = [] };
        }

        return new PairsPipelineResult { Ingest = result, Splits = results };
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
