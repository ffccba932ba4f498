namespace PairTuner.Core.Splitting;

/// <summary>What <c>ShardSplitter.ScoreAndSplitAsync</c> did with one shard.</summary>
public sealed record SplitResult
{
    public required int ShardIndex { get; init; }

    public required int Pairs { get; init; }

    public required int Train { get; init; }

    public required int Eval { get; init; }

    /// <summary><c>{runPrefix}train/{k}.jsonl</c>.</summary>
    public required string TrainPath { get; init; }

    /// <summary><c>{runPrefix}eval/{k}.jsonl</c>.</summary>
    public required string EvalPath { get; init; }

    /// <summary>Pairs of this shard whose label came from the formula.</summary>
    public int SyntheticLabels { get; init; }

    /// <summary>True when any label of this shard is synthetic: the evaluation report must say so.</summary>
    public bool LabelsSynthetic => SyntheticLabels > 0;

    /// <summary>Eval texts (text1 and text2 of each eval pair, so 2 x <see cref="Eval"/>).</summary>
    public int EvalTexts { get; init; }

    /// <summary>
    /// Eval texts that also occur, exactly, as a text of a train pair of the same shard: a high
    /// share means the eval split measures memory more than generalisation.
    /// </summary>
    public int EvalTextsInTrain { get; init; }
}
