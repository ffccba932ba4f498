using System.Buffers;
using PairTuner.Core.Scoring;
using PairTuner.Core.Sharding;
using PairTuner.Core.Splitting;
using PairTuner.Core.Storage;
using PairTuner.Core.Streams;
using PairTuner.Core.Validation;

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
        var input = await store.OpenReadAsync(shardPath, cancellationToken).ConfigureAwait(false);
        ShardLines shard;
        await using (input.ConfigureAwait(false))
        {
            shard = await ShardLines.ReadAsync(input, shardPath, cancellationToken).ConfigureAwait(false);
        }

        using (shard)
        {
            return await ScoreAndSplitAsync(store, runPrefix, shardIndex, shard, scoring, split, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The same for a shard already in memory (ingest just built it): no reading it back.</summary>
    internal static async Task<SplitResult> ScoreAndSplitAsync(
        IArtifactStore store,
        string runPrefix,
        int shardIndex,
        ShardLines shard,
        ScoringOptions scoring,
        SplitOptions split,
        CancellationToken cancellationToken = default)
    {
        // Labels first, in shard order: one draw per pair, used only where the pair has no score.
        // The per-pair arrays are rented: a run splits many shards, and fresh ones of this size
        // would each land on the large-object heap.
        var labels = SyntheticLabels.ForShard(scoring, shardIndex);
        var label = ArrayPool<double>.Shared.Rent(Math.Max(shard.Count, 1));
        var order = ArrayPool<int>.Shared.Rent(Math.Max(shard.Count, 1));
        try
        {
            var synthetic = 0;
            for (var i = 0; i < shard.Count; i++)
            {
                label[i] = labels.Next();
                synthetic += shard.HasScore(i) ? 0 : 1;
            }

            var trainCount = TrainEvalSplit.TrainCount(shard.Count, split.TrainFraction);
            TrainEvalSplit.Permutation(order.AsSpan(0, shard.Count), TrainEvalSplit.ForShard(split.Seed, shardIndex));
            var trainPath = RunArtifacts.Train(runPrefix, shardIndex);
            var evalPath = RunArtifacts.Eval(runPrefix, shardIndex);
            await WriteAsync(store, trainPath, shard, order.AsMemory(0, trainCount), label, cancellationToken).ConfigureAwait(false);
            await WriteAsync(store, evalPath, shard, order.AsMemory(trainCount, shard.Count - trainCount), label, cancellationToken).ConfigureAwait(false);

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
                EvalTextsInTrain = CountEvalTextsInTrain(shard, order.AsSpan(0, shard.Count), trainCount),
            };
        }
        finally
        {
            ArrayPool<int>.Shared.Return(order);
            ArrayPool<double>.Shared.Return(label);
        }
    }

    // How far ahead the split asks for the lines it is about to copy (and twice as far for where they are).
    private const int LinesAhead = 8;

    private static async Task WriteAsync(IArtifactStore store, string path, ShardLines shard, ReadOnlyMemory<int> lines, double[] label, CancellationToken cancellationToken)
    {
        // The lines plus a score each: one buffer, one write.
        var share = shard.Count == 0 ? 0 : (long)shard.Bytes * lines.Length / shard.Count;
        using var output = new PooledBufferWriter((int)Math.Min(share + (lines.Length * 28L) + 64, Array.MaxLength));
        Gather(shard, lines.Span, label, output);
        using var content = output.OpenRead();
        await store.WriteAsync(path, content, cancellationToken).ConfigureAwait(false);
    }

    // The per-line loop, kept out of the async method so its locals stay in registers.
    private static void Gather(ShardLines shard, ReadOnlySpan<int> order, double[] label, PooledBufferWriter output)
    {
        for (var k = 0; k < order.Length; k++)
        {
            if (k + (2 * LinesAhead) < order.Length)
            {
                shard.PrefetchEntry(order[k + (2 * LinesAhead)]);
            }

            if (k + LinesAhead < order.Length)
            {
                shard.Prefetch(order[k + LinesAhead]);
            }

            var i = order[k];
            shard.Write(output, i, label[i]);
        }
    }

    private static int CountEvalTextsInTrain(ShardLines shard, ReadOnlySpan<int> order, int trainCount)
    {
        // Membership does not depend on order: mark the eval lines, then visit the shard in its
        // own order, so the hashes are read front to back instead of at random.
        var inEval = ArrayPool<bool>.Shared.Rent(Math.Max(shard.Count, 1));
        try
        {
            var eval = inEval.AsSpan(0, shard.Count);
            eval.Clear();
            foreach (var i in order[trainCount..])
            {
                eval[i] = true;
            }

            // The table is bigger than the core's cache and the hashes land anywhere in it: each
            // line's slots are asked for a few lines ahead, as ingest does for its duplicate table.
            using var trainTexts = new FingerprintSet(trainCount * 2);
            for (var i = 0; i < eval.Length; i++)
            {
                if (i + LinesAhead < eval.Length && !eval[i + LinesAhead])
                {
                    trainTexts.Prefetch(shard.Text1Hash(i + LinesAhead));
                    trainTexts.Prefetch(shard.Text2Hash(i + LinesAhead));
                }

                if (!eval[i])
                {
                    trainTexts.Add(shard.Text1Hash(i));
                    trainTexts.Add(shard.Text2Hash(i));
                }
            }

            var count = 0;
            for (var i = 0; i < eval.Length; i++)
            {
                if (i + LinesAhead < eval.Length && eval[i + LinesAhead])
                {
                    trainTexts.Prefetch(shard.Text1Hash(i + LinesAhead));
                    trainTexts.Prefetch(shard.Text2Hash(i + LinesAhead));
                }

                if (eval[i])
                {
                    count += trainTexts.Contains(shard.Text1Hash(i)) ? 1 : 0;
                    count += trainTexts.Contains(shard.Text2Hash(i)) ? 1 : 0;
                }
            }

            return count;
        }
        finally
        {
            ArrayPool<bool>.Shared.Return(inEval);
        }
    }
}
