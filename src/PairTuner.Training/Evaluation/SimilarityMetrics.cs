namespace PairTuner.Training.Evaluation;

/// <summary>
/// Correlations as scipy computes them for sentence-transformers' EmbeddingSimilarityEvaluator:
/// Pearson's r, and Spearman's rho as Pearson's r of the ranks with tied values given the average
/// of the ranks they span. Both are unchanged by a positive linear rescaling of either side, so
/// STS-B's 0-5 gold scores need no normalizing.
/// </summary>
public static class SimilarityMetrics
{
    /// <summary>Pearson's r; NaN when either side is constant (the correlation is undefined).</summary>
    public static double Pearson(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        CheckLengths(x, y);
        double meanX = 0, meanY = 0;
        for (var i = 0; i < x.Count; i++)
        {
            meanX += x[i];
            meanY += y[i];
        }

        meanX /= x.Count;
        meanY /= y.Count;
        double sxy = 0, sxx = 0, syy = 0;
        for (var i = 0; i < x.Count; i++)
        {
            var dx = x[i] - meanX;
            var dy = y[i] - meanY;
            sxy += dx * dy;
            sxx += dx * dx;
            syy += dy * dy;
        }

        if (sxx == 0 || syy == 0)
        {
            return double.NaN;
        }

        // Rounding can push |r| a hair past 1; the true value cannot be.
        return Math.Clamp(sxy / Math.Sqrt(sxx * syy), -1.0, 1.0);
    }

    /// <summary>Spearman's rho with average ranks for ties; NaN when either side is constant.</summary>
    public static double Spearman(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        CheckLengths(x, y);
        return Pearson(AverageRanks(x), AverageRanks(y));
    }

    /// <summary>1-based ranks, ascending; values that tie share the mean of their ranks.</summary>
    public static double[] AverageRanks(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var order = Enumerable.Range(0, values.Count).ToArray();
        Array.Sort(order, (a, b) => values[a].CompareTo(values[b]));
        var ranks = new double[values.Count];
        var start = 0;
        while (start < order.Length)
        {
            var end = start;
            while (end + 1 < order.Length && values[order[end + 1]].CompareTo(values[order[start]]) == 0)
            {
                end++;
            }

            // Positions start..end (0-based) hold ranks start+1..end+1; their mean is (start+end)/2 + 1.
            var rank = ((start + end) / 2.0) + 1.0;
            for (var i = start; i <= end; i++)
            {
                ranks[order[i]] = rank;
            }

            start = end + 1;
        }

        return ranks;
    }

    private static void CheckLengths(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Count != y.Count)
        {
            throw new ArgumentException($"The two sides have {x.Count} and {y.Count} values.");
        }

        if (x.Count < 2)
        {
            throw new ArgumentException("A correlation needs at least two values.");
        }
    }
}
