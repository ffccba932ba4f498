namespace PairTuner.Core.Splitting;

/// <summary>
/// The train/eval split of each shard: a seeded permutation, train = floor(TrainFraction * n),
/// eval = the rest, so no pair is dropped by rounding (the reference's <c>int(n * 0.2)</c> can drop one).
/// </summary>
public sealed record SplitOptions
{
    public double TrainFraction { get; init; } = 0.8;

    public int Seed { get; init; } = 42;

    public void Validate()
    {
        if (!double.IsFinite(TrainFraction) || TrainFraction <= 0 || TrainFraction >= 1)
        {
            throw new ArgumentException($"split.trainFraction must be a number between 0 and 1 (exclusive); got {TrainFraction}.");
        }
    }
}
