namespace PairTuner.Training.Evaluation;

/// <summary>
/// The metric formulas of sentence-transformers' InformationRetrievalEvaluator, on rankings that
/// are already computed. Relevance is binary. Per query, over its top-k:
/// <list type="bullet">
/// <item>accuracy@k: 1 when any relevant document is in the top k;</item>
/// <item>precision@k: relevant found / k (k, not the number returned);</item>
/// <item>recall@k: relevant found / number of relevant documents;</item>
/// <item>MRR@k: 1 / rank of the first relevant document, 0 when none;</item>
/// <item>NDCG@k: DCG = sum of rel_i / log2(i + 1) over ranks i = 1..k; IDCG is the DCG of
/// min(k, #relevant) relevant documents at the top;</item>
/// <item>MAP@k: sum of precision@i at each relevant rank i, divided by min(k, #relevant).</item>
/// </list>
/// Each is averaged over all queries.
/// </summary>
public static class InformationRetrievalMetrics
{
    /// <param name="rankings">Per query, corpus indices best first (at least max k of them when the corpus allows).</param>
    /// <param name="relevant">Per query, the relevant corpus indices; never empty.</param>
    public static IReadOnlyDictionary<string, double> Compute(
        IReadOnlyList<IReadOnlyList<int>> rankings,
        IReadOnlyList<IReadOnlySet<int>> relevant,
        InformationRetrievalOptions? options = null)
        => Average(PerQuery(rankings, relevant, options));

    /// <summary>The mean of each metric's per-query values: what sentence-transformers reports.</summary>
    public static IReadOnlyDictionary<string, double> Average(IReadOnlyDictionary<string, double[]> perQuery)
    {
        ArgumentNullException.ThrowIfNull(perQuery);
        var result = new Dictionary<string, double>(perQuery.Count, StringComparer.Ordinal);
        foreach (var (metric, values) in perQuery)
        {
            result[metric] = values.Average();
        }

        return result;
    }

    /// <summary>
    /// Each metric's value for each query, in query order: what a paired bootstrap over queries
    /// resamples. <see cref="Compute"/> is their mean.
    /// </summary>
    public static IReadOnlyDictionary<string, double[]> PerQuery(
        IReadOnlyList<IReadOnlyList<int>> rankings,
        IReadOnlyList<IReadOnlySet<int>> relevant,
        InformationRetrievalOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(rankings);
        ArgumentNullException.ThrowIfNull(relevant);
        options ??= InformationRetrievalOptions.Default;
        options.Validate();
        if (rankings.Count != relevant.Count)
        {
            throw new ArgumentException($"{rankings.Count} rankings but {relevant.Count} relevance sets.");
        }

        if (rankings.Count == 0)
        {
            throw new ArgumentException("There are no queries to evaluate.", nameof(rankings));
        }

        var name = options.ScoreFunctionName;
        var n = rankings.Count;
        var values = new Dictionary<string, double[]>(StringComparer.Ordinal);
        double[] Column(string metric) => values.TryGetValue(metric, out var column) ? column : values[metric] = new double[n];
        for (var q = 0; q < n; q++)
        {
            var ranking = rankings[q];
            var judged = relevant[q];
            if (judged.Count == 0)
            {
                throw new ArgumentException($"Query {q} has no relevant document; leave such queries out.", nameof(relevant));
            }

            foreach (var k in options.AccuracyAtK)
            {
                Column(MetricNames.Accuracy(k, name))[q] = HitsAt(ranking, judged, k) > 0 ? 1 : 0;
            }

            foreach (var k in options.PrecisionRecallAtK)
            {
                var hits = HitsAt(ranking, judged, k);
                Column(MetricNames.Precision(k, name))[q] = (double)hits / k;
                Column(MetricNames.Recall(k, name))[q] = (double)hits / judged.Count;
            }

            foreach (var k in options.NdcgAtK)
            {
                Column(MetricNames.Ndcg(k, name))[q] = Ndcg(ranking, judged, k);
            }

            foreach (var k in options.MrrAtK)
            {
                Column(MetricNames.Mrr(k, name))[q] = ReciprocalRank(ranking, judged, k);
            }

            foreach (var k in options.MapAtK)
            {
                Column(MetricNames.Map(k, name))[q] = AveragePrecision(ranking, judged, k);
            }
        }

        return values;
    }

    internal static int HitsAt(IReadOnlyList<int> ranking, IReadOnlySet<int> relevant, int k)
    {
        var hits = 0;
        for (var i = 0; i < Math.Min(k, ranking.Count); i++)
        {
            if (relevant.Contains(ranking[i]))
            {
                hits++;
            }
        }

        return hits;
    }

    internal static double ReciprocalRank(IReadOnlyList<int> ranking, IReadOnlySet<int> relevant, int k)
    {
        for (var i = 0; i < Math.Min(k, ranking.Count); i++)
        {
            if (relevant.Contains(ranking[i]))
            {
                return 1.0 / (i + 1);
            }
        }

        return 0;
    }

    internal static double Ndcg(IReadOnlyList<int> ranking, IReadOnlySet<int> relevant, int k)
    {
        var dcg = 0.0;
        for (var i = 0; i < Math.Min(k, ranking.Count); i++)
        {
            if (relevant.Contains(ranking[i]))
            {
                dcg += Discount(i);
            }
        }

        var ideal = 0.0;
        for (var i = 0; i < Math.Min(k, relevant.Count); i++)
        {
            ideal += Discount(i);
        }

        return dcg / ideal;
    }

    internal static double AveragePrecision(IReadOnlyList<int> ranking, IReadOnlySet<int> relevant, int k)
    {
        var found = 0;
        var sum = 0.0;
        for (var i = 0; i < Math.Min(k, ranking.Count); i++)
        {
            if (relevant.Contains(ranking[i]))
            {
                found++;
                sum += (double)found / (i + 1);
            }
        }

        return sum / Math.Min(k, relevant.Count);
    }

    // Rank i (0-based) is discounted by log2(i + 2): 1 at the top, 1/log2(3) second, ...
    private static double Discount(int zeroBasedRank) => 1.0 / Math.Log2(zeroBasedRank + 2);
}
