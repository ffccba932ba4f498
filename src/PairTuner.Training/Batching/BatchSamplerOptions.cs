namespace PairTuner.Training.Batching;

public sealed record BatchSamplerOptions
{
    public int BatchSize { get; init; } = 32;
    public long Seed { get; init; } = 42;

    /// <summary>
    /// Keep two pairs that share a text (either side or the negative, after trim and lower-casing) out
    /// of one batch: with in-batch negatives a duplicate is a false negative. On by default.
    /// </summary>
    public bool NoDuplicates { get; init; } = true;
}
