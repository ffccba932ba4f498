using PairTuner.Core.Scoring;
using PairTuner.Core.Sharding;
using PairTuner.Core.Splitting;
using PairTuner.Core.Storage;
using PairTuner.Core.Streams;

namespace PairTuner.Core.Ingestion;

/// <summary>
/// The fan-out stage: labels one shard and splits it into train and eval. Each shard is seeded by
/// (seed, shard index), so shards run in parallel, in any order, and give the same files on any
/// machine. Memory is one shard, held as its raw bytes: labels are spliced into the JSON lines
/// without decoding the texts.
/// </summary>
public static class ShardSplitter
{
    public static async Task<SplitResult> ScoreAndSplitAsync(
        IArtifactStore store,
        string runPrefix,
        int shardIndex,
        ScoringOptions scoring,
        SplitOptions split,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(scoring);
        ArgumentNullException.ThrowIfNull(split);
        ArgumentOutOfRangeException.ThrowIfNegative(shardIndex);
        scoring.Validate();
        split.Validate();

        var shardPath = RunArtifacts.Shard(runPrefix, shardIndex);
        ShardLines shard;
        var input = await store.OpenReadAsync(shardPath, cancellationToken).ConfigureAwait(false);
        await using (input.ConfigureAwait(false))
        {
            shard = await ShardLines.ReadAsync(input, shardPath, cancellationToken).ConfigureAwait(false);
        }

        // Labels first, in shard order: one draw per pair, used only where the pair has no score.
        var labels = SyntheticLabels.ForShard(scoring, shardIndex);
        var label = new double[shard.Count];
        var synthetic = 0;
        for (var i = 0; i < shard.Count; i++)
        {
            label[i] = labels.Next();
            synthetic += shard.HasScore[i] ? 0 : 1;
        }

        var trainCount = TrainEvalSplit.TrainCount(shard.Count, split.TrainFraction);
        var order = TrainEvalSplit.PermutationForShard(shard.Count, split.Seed, shardIndex);
        var trainPath = RunArtifacts.Train(runPrefix, shardIndex);
        var evalPath = RunArtifacts.Eval(runPrefix, shardIndex);
        await WriteAsync(store, trainPath, shard, order.AsMemory(0, trainCount), label, cancellationToken).ConfigureAwait(false);
        await WriteAsync(store, evalPath, shard, order.AsMemory(trainCount), label, cancellationToken).ConfigureAwait(false);

        return new SplitResult
        {
            ShardIndex = shardIndex,
            Pairs = shard.Count,
            Train = trainCount,
            Eval = shard.Count - trainCount,
            TrainPath = trainPath,
            EvalPath = evalPath,
            SyntheticLabels = synthetic,
            EvalTexts = (shard.Count - trainCount) * 2,
            EvalTextsInTrain = CountEvalTextsInTrain(shard, order, trainCount),
        };
    }

    private static async Task WriteAsync(IArtifactStore store, string path, ShardLines shard, ReadOnlyMemory<int> lines, double[] label, CancellationToken cancellationToken)
    {
        await using var spool = new TempSpool();
        foreach (var i in lines.Span)
        {
            shard.Write(spool.Stream, i, label[i]);
        }

        await spool.DrainAsync(content => store.WriteAsync(path, content, cancellationToken)).ConfigureAwait(false);
    }

    private static int CountEvalTextsInTrain(ShardLines shard, int[] order, int trainCount)
    {
        var trainTexts = new HashSet<ulong>(trainCount * 2);
        for (var k = 0; k < trainCount; k++)
        {
            trainTexts.Add(shard.Text1Hashes[order[k]]);
            trainTexts.Add(shard.Text2Hashes[order[k]]);
        }

        var count = 0;
        for (var k = trainCount; k < order.Length; k++)
        {
            count += trainTexts.Contains(shard.Text1Hashes[order[k]]) ? 1 : 0;
            count += trainTexts.Contains(shard.Text2Hashes[order[k]]) ? 1 : 0;
        }

        return count;
    }
}
