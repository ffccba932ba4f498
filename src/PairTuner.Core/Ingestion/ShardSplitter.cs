using System.Globalization;
using PairTuner.Contracts.Runs;
using PairTuner.Contracts.Storage;
using PairTuner.Core.Scoring;
using PairTuner.Core.Sharding;
using PairTuner.Core.Splitting;

namespace PairTuner.Core.Ingestion;

/// <summary>
/// The fan-out stage: labels one shard and splits it into train and eval. Each shard is seeded by
/// (seed, shard index), so shards run in parallel, in any order, and give the same files on any
/// machine. Memory is one shard. A pair's line is copied as the shard has it; one without a score
/// gets <c>"score": label</c> added at its end.
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

        var shardPath = RunPaths.ShardUnder(runPrefix, shardIndex);
        Shard shard;
        var input = await store.OpenReadAsync(shardPath, cancellationToken).ConfigureAwait(false);
        await using (input.ConfigureAwait(false))
        {
            shard = await Shard.ReadAsync(input, shardPath, cancellationToken).ConfigureAwait(false);
        }

        return await ScoreAndSplitAsync(store, runPrefix, shardIndex, shard, scoring, split, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The same for a shard already in memory (ingest just built it): no reading it back.</summary>
    internal static async Task<SplitResult> ScoreAndSplitAsync(
        IArtifactStore store,
        string runPrefix,
        int shardIndex,
        Shard shard,
        ScoringOptions scoring,
        SplitOptions split,
        CancellationToken cancellationToken = default)
    {
        // Labels first, in shard order: one draw per pair, used only where the pair has no score.
        var labels = SyntheticLabels.ForShard(scoring, shardIndex);
        var label = new double[shard.Count];
        for (var i = 0; i < label.Length; i++)
        {
            label[i] = labels.Next();
        }

        var trainCount = TrainEvalSplit.TrainCount(shard.Count, split.TrainFraction);
        var order = TrainEvalSplit.Permutation(shard.Count, TrainEvalSplit.ForShard(split.Seed, shardIndex));
        var trainPath = RunPaths.TrainUnder(runPrefix, shardIndex);
        var evalPath = RunPaths.EvalUnder(runPrefix, shardIndex);
        await WriteAsync(store, trainPath, shard, order[..trainCount], label, cancellationToken).ConfigureAwait(false);
        await WriteAsync(store, evalPath, shard, order[trainCount..], label, cancellationToken).ConfigureAwait(false);
        return new SplitResult
        {
            ShardIndex = shardIndex,
            Pairs = shard.Count,
            Train = trainCount,
            Eval = shard.Count - trainCount,
            TrainPath = trainPath,
            EvalPath = evalPath,
            SyntheticLabels = Enumerable.Range(0, shard.Count).Count(i => !shard.HasScore(i)),
            EvalTexts = (shard.Count - trainCount) * 2,
            EvalTextsInTrain = CountEvalTextsInTrain(shard, order, trainCount),
        };
    }

    private static int CountEvalTextsInTrain(Shard shard, int[] order, int trainCount)
    {
        var trainTexts = new HashSet<ulong>(trainCount * 2);
        foreach (var i in order[..trainCount])
        {
            trainTexts.Add(shard.Text1(i));
            trainTexts.Add(shard.Text2(i));
        }

        return order[trainCount..].Sum(i => (trainTexts.Contains(shard.Text1(i)) ? 1 : 0) + (trainTexts.Contains(shard.Text2(i)) ? 1 : 0));
    }

    private static async Task WriteAsync(IArtifactStore store, string path, Shard shard, int[] order, double[] label, CancellationToken cancellationToken)
    {
        // The lines plus a label each, gathered into one buffer big enough for the longest labels.
        var bytes = new byte[shard.Bytes + (order.Length * MaxLabelBytes)];
        using var content = new MemoryStream(bytes, 0, Gather(shard, order, label, bytes), writable: false);
        await store.WriteAsync(path, content, cancellationToken).ConfigureAwait(false);
    }

    // ,"score": and the shortest round-trip double (at most 24 characters).
    private const int MaxLabelBytes = 9 + 24;

    private static int Gather(Shard shard, int[] order, double[] label, Span<byte> content)
    {
        var written = 0;
        foreach (var i in order)
        {
            var line = shard.Json(i);
            if (shard.HasScore(i))
            {
                line.CopyTo(content[written..]);
                written += line.Length;
            }
            else
            {
                // The line's closing brace moves after the label: {..., "score": label}.
                line[..^1].CopyTo(content[written..]);
                written += line.Length - 1;
                ",\"score\":"u8.CopyTo(content[written..]);
                written += 9;
                label[i].TryFormat(content[written..], out var score, "R", CultureInfo.InvariantCulture);
                written += score;
                content[written++] = (byte)'}';
            }

            content[written++] = (byte)'\n';
        }

        return written;
    }
}
