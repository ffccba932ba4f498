namespace PairTuner.Training.Losses;

/// <summary>
/// One training batch for a ranking loss: anchors (text1), their positives (text2) and, when every
/// pair of the batch has one, their hard negatives. <see cref="DropoutSeed"/> makes dropout a
/// function of the step, so a resumed run and a cached loss's second pass see the same masks.
/// </summary>
public sealed record RankingBatch(
    IReadOnlyList<string> Anchors,
    IReadOnlyList<string> Positives,
    IReadOnlyList<string>? Negatives,
    long DropoutSeed)
{
    public int Count => Anchors.Count;

    /// <summary>The columns in sentence-transformers' order: anchors, positives, then negatives.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Columns
        => Negatives is null ? [Anchors, Positives] : [Anchors, Positives, Negatives];
}
