using System.Numerics.Tensors;

namespace PairTuner.Training.Evaluation;

/// <summary>
/// sentence-transformers' EmbeddingSimilarityEvaluator with cosine: the cosine of each pair's two
/// embeddings against the pair's label, as <c>spearman_cosine</c> and <c>pearson_cosine</c>.
/// </summary>
public static class EmbeddingSimilarityEvaluator
{
    /// <summary>
    /// Row i of <paramref name="first"/> and of <paramref name="second"/> make pair i. A metric that
    /// is undefined (constant labels or constant cosines) is left out rather than reported as NaN.
    /// </summary>
    public static IReadOnlyDictionary<string, double> Evaluate(
        EmbeddingMatrix first, EmbeddingMatrix second, IReadOnlyList<double> labels)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        ArgumentNullException.ThrowIfNull(labels);
        if (first.Count != second.Count || first.Count != labels.Count)
        {
            throw new ArgumentException($"{first.Count} and {second.Count} embeddings for {labels.Count} labels.");
        }

        var cosines = Cosines(first, second);
        var metrics = new Dictionary<string, double>(StringComparer.Ordinal);
        var spearman = SimilarityMetrics.Spearman(labels, cosines);
        if (!double.IsNaN(spearman))
        {
            metrics[MetricNames.SpearmanCosine] = spearman;
        }

        var pearson = SimilarityMetrics.Pearson(labels, cosines);
        if (!double.IsNaN(pearson))
        {
            metrics[MetricNames.PearsonCosine] = pearson;
        }

        return metrics;
    }

    /// <summary>Cosine of each row pair; 0 when either row is all zeros.</summary>
    public static double[] Cosines(EmbeddingMatrix first, EmbeddingMatrix second)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        var cosines = new double[first.Count];
        for (var i = 0; i < cosines.Length; i++)
        {
            ReadOnlySpan<float> a = first.Row(i);
            ReadOnlySpan<float> b = second.Row(i);
            var normA = TensorPrimitives.Norm(a);
            var normB = TensorPrimitives.Norm(b);
            cosines[i] = normA > 0 && normB > 0 ? TensorPrimitives.Dot(a, b) / ((double)normA * normB) : 0.0;
        }

        return cosines;
    }
}
