namespace PairTuner.Training.Losses;

/// <summary>
/// One training batch for a ranking loss: anchors (text1), their positives (text2) and the hard
/// negatives of the pairs that have one (any number: each is one more candidate for every anchor,
/// so the column need not be as long as the batch). <see cref="DropoutSeed"/> makes dropout a
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
