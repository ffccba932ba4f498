using PairTuner.Contracts.Randomness;
using PairTuner.Contracts.Verdicts;

namespace PairTuner.Training.Selection;

/// <summary>
/// The percentile bootstrap of a paired comparison: resample the evaluation units (queries, or
/// labelled pairs) with replacement, recompute the statistic on each resample, and take the
/// 2.5th and 97.5th percentiles (linear interpolation, numpy's default). Seeded, so a run's
/// interval is the same every time it is computed.
/// </summary>
public static class PairedBootstrap
{
    public const int DefaultResamples = 1000;
    public const ulong DefaultSeed = 42;

    /// <summary>The interval of mean(tuned - base) over units, for metrics that are averages of per-unit values (ndcg@10, mrr@10, ...).</summary>
    public static ConfidenceInterval MeanDifference(
        IReadOnlyList<double> baseValues, IReadOnlyList<double> tunedValues, int resamples = DefaultResamples, ulong seed = DefaultSeed, double level = 0.95)
    {
        ArgumentNullException.ThrowIfNull(baseValues);
        ArgumentNullException.ThrowIfNull(tunedValues);
        if (baseValues.Count != tunedValues.Count)
        {
            throw new ArgumentException($"{baseValues.Count} base values but {tunedValues.Count} tuned values: the comparison must be paired.");
        }

        var differences = new double[baseValues.Count];
        for (var i = 0; i < differences.Length; i++)
        {
            differences[i] = tunedValues[i] - baseValues[i];
        }

        return Interval(differences.Length, sample =>
        {
            var sum = 0.0;
            foreach (var i in sample)
            {
                sum += differences[i];
            }

            return sum / sample.Length;
        }, resamples, seed, level);
    }

    /// <summary>
    /// The interval of any statistic of a resample of <paramref name="units"/> units (given as the
    /// indices drawn, repeats included), for metrics that are not averages, such as Spearman's rho.
    /// </summary>
    public static ConfidenceInterval Interval(int units, Func<int[], double> statistic, int resamples = DefaultResamples, ulong seed = DefaultSeed, double level = 0.95)
    {
        ArgumentNullException.ThrowIfNull(statistic);
        ArgumentOutOfRangeException.ThrowIfLessThan(units, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(resamples, 1);
        if (!(level is > 0 and < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(level), level, "The level must lie between 0 and 1.");
        }

        var random = new SeededRandom(seed);
        var values = new List<double>(resamples);
        var sample = new int[units];
        for (var r = 0; r < resamples; r++)
        {
            for (var i = 0; i < units; i++)
            {
                sample[i] = (int)random.NextInt64(units);
            }

            var value = statistic(sample);
            if (!double.IsNaN(value))
            {
                values.Add(value);
            }
        }

        if (values.Count == 0)
        {
            throw new InvalidOperationException("The statistic was undefined on every resample.");
        }

        values.Sort();
        var tail = (1 - level) / 2;
        return new ConfidenceInterval(Percentile(values, tail), Percentile(values, 1 - tail));
    }

    /// <summary>numpy.percentile's default ("linear"): position q * (n - 1), interpolated between neighbours.</summary>
    public static double Percentile(IReadOnlyList<double> sorted, double q)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        var position = q * (sorted.Count - 1);
        var below = (int)Math.Floor(position);
        var above = Math.Min(below + 1, sorted.Count - 1);
        return sorted[below] + ((position - below) * (sorted[above] - sorted[below]));
    }
}
