using PairTuner.Contracts.Randomness;

namespace PairTuner.Core.Scoring;

/// <summary>
/// The reference recipe's label for a pair nobody scored: <c>mean + (uniform[0,1) - 0.5) / scaling</c>,
/// 0.875 to 0.925 with the defaults. Not clamped, exactly as the reference computes it.
/// </summary>
public sealed class SyntheticLabels
{
    private readonly SeededRandom _random;
    private readonly double _mean;
    private readonly double _scaling;

    public SyntheticLabels(ScoringOptions options, SeededRandom random)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(random);
        options.Validate();
        _mean = options.Mean;
        _scaling = options.Scaling;
        _random = random;
    }

    /// <summary>Labels for shard <paramref name="shardIndex"/>: the same seed and shard give the same labels on every machine.</summary>
    public static SyntheticLabels ForShard(ScoringOptions options, int shardIndex)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new SyntheticLabels(options, SeededRandom.ForStream(options.Seed, shardIndex, RandomPurpose.Labels));
    }

    /// <summary>The next label. Called once per pair, scored or not, so a pair's label depends only on its place in the shard.</summary>
    public double Next() => _mean + ((_random.NextDouble() - 0.5) / _scaling);
}
