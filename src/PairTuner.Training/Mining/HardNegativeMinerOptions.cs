using PairTuner.Contracts.Jobs;

namespace PairTuner.Training.Mining;

/// <summary>
/// The knobs of <see cref="HardNegativeMiner"/>, named after sentence-transformers'
/// <c>util.mine_hard_negatives</c>: <c>num_negatives</c>, <c>range_min</c>, <c>range_max</c>,
/// <c>absolute_margin</c> and <c>sampling_strategy</c>.
/// </summary>
public sealed record HardNegativeMinerOptions
{
    /// <summary>Upper bound of <see cref="NegativesPerPair"/>: each one adds a training row per pair.</summary>
    public const int MaxNegativesPerPair = 100;

    /// <summary>Upper bound of the ranking depth: every query keeps this many candidates in memory.</summary>
    public const int MaxRange = 10_000;

    public int NegativesPerPair { get; init; } = 1;

    /// <summary>Qualifying candidates skipped from the top of each ranking (they may be unlabelled paraphrases).</summary>
    public int RangeMin { get; init; }

    /// <summary>How deep in each pair's ranking (texts of its own pair and group left out) candidates are looked for; null: <see cref="EffectiveRangeMax"/>.</summary>
    public int? RangeMax { get; init; }

    /// <summary>A candidate qualifies when <c>cosine(anchor, candidate) + Margin &lt;= cosine(anchor, positive)</c>.</summary>
    public double Margin { get; init; }

    public MineSampling Sampling { get; init; } = MineSampling.Top;

    /// <summary>Seeds <see cref="MineSampling.Random"/>.</summary>
    public long Seed { get; init; } = 42;

    /// <summary>
    /// sentence-transformers' own default when a margin is set: <c>range_min + 10 x num_negatives</c>,
    /// so that candidates the margin rejects still leave enough to pick from.
    /// </summary>
    public int EffectiveRangeMax => RangeMax ?? RangeMin + (10 * NegativesPerPair);

    public static HardNegativeMinerOptions From(TrainingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new HardNegativeMinerOptions
        {
            NegativesPerPair = options.NegativesPerPair,
            RangeMin = options.MineRangeMin,
            RangeMax = options.MineRangeMax,
            Margin = options.MineMargin,
            Sampling = options.MineSampling,
            Seed = options.Seed,
        };
    }

    /// <summary>What is wrong with these options, in the CLI's flag names; empty when nothing is.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (NegativesPerPair is < 1 or > MaxNegativesPerPair)
        {
            problems.Add($"--negatives-per-pair must be 1 to {MaxNegativesPerPair}; got {NegativesPerPair}.");
        }

        if (RangeMin is < 0 or >= MaxRange)
        {
            problems.Add($"--mine-range-min must be 0 to {MaxRange - 1}; got {RangeMin}.");
        }

        if (RangeMax is { } max && (max <= RangeMin || max > MaxRange))
        {
            problems.Add($"--mine-range-max must be above --mine-range-min ({RangeMin}) and at most {MaxRange}; got {max}.");
        }

        if (!double.IsFinite(Margin) || Margin is < -2 or > 2)
        {
            problems.Add($"--mine-margin must be a cosine difference from -2 to 2; got {Margin}.");
        }

        return problems;
    }
}
