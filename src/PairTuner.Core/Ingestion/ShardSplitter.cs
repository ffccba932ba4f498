using PairTuner.Core.Pairs;
using PairTuner.Core.Scoring;
using PairTuner.Core.Sharding;
using PairTuner.Core.Splitting;
using PairTuner.Core.Storage;

namespace PairTuner.Core.Ingestion;

/// <summary>
/// The fan-out stage: labels one shard and splits it into train and eval. Each shard is seeded by
/// (seed, shard index), so shards run in parallel, in any order, and give the same files on any
/// machine. Memory is one shard.
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

        var pairs = await PairJsonLines.ReadAllAsync(store, RunArtifacts.Shard(runPrefix, shardIndex), cancellationToken).ConfigureAwait(false);
        var labelled = Label(pairs, scoring, shardIndex, out var synthetic);

        var trainCount = TrainEvalSplit.TrainCount(labelled.Length, split.TrainFraction);
        var order = TrainEvalSplit.PermutationForShard(labelled.Length, split.Seed, shardIndex);
        var train = new Pair[trainCount];
        var eval = new Pair[labelled.Length - trainCount];
        for (var i = 0; i < order.Length; i++)
        {
            var pair = labelled[order[i]];
            if (i < trainCount)
            {
                train[i] = pair;
            }
            else
            {
                eval[i - trainCount] = pair;
            }
        }

        var trainPath = RunArtifacts.Train(runPrefix, shardIndex);
        var evalPath = RunArtifacts.Eval(runPrefix, shardIndex);
        await PairJsonLines.WriteAsync(store, trainPath, train, cancellationToken).ConfigureAwait(false);
        await PairJsonLines.WriteAsync(store, evalPath, eval, cancellationToken).ConfigureAwait(false);

        return new SplitResult
        {
            ShardIndex = shardIndex,
            Pairs = labelled.Length,
            Train = train.Length,
            Eval = eval.Length,
            TrainPath = trainPath,
            EvalPath = evalPath,
            SyntheticLabels = synthetic,
            EvalTexts = eval.Length * 2,
            EvalTextsInTrain = CountEvalTextsInTrain(train, eval),
        };
    }

    /// <summary>A provided score wins; every other pair gets the formula's label. One draw per pair keeps labels tied to positions.</summary>
    internal static Pair[] Label(IReadOnlyList<Pair> pairs, ScoringOptions scoring, int shardIndex, out int synthetic)
    {
        var labels = SyntheticLabels.ForShard(scoring, shardIndex);
        var labelled = new Pair[pairs.Count];
        synthetic = 0;
        for (var i = 0; i < pairs.Count; i++)
        {
            var label = labels.Next();
            var pair = pairs[i];
            if (pair.Score is null)
            {
                pair = pair with { Score = label };
                synthetic++;
            }

            labelled[i] = pair;
        }

        return labelled;
    }

    private static int CountEvalTextsInTrain(Pair[] train, Pair[] eval)
    {
        var trainTexts = new HashSet<string>(train.Length * 2, StringComparer.Ordinal);
        foreach (var pair in train)
        {
            trainTexts.Add(pair.Text1);
            trainTexts.Add(pair.Text2);
        }

        var count = 0;
        foreach (var pair in eval)
        {
            count += trainTexts.Contains(pair.Text1) ? 1 : 0;
            count += trainTexts.Contains(pair.Text2) ? 1 : 0;
        }

        return count;
    }
}
