using PairTuner.Training.Evaluation;

namespace PairTuner.Training.Tests.Evaluation;

public sealed class SimilarityMetricsTests
{
    [Fact]
    public void Spearman_without_ties_is_one_minus_six_sum_d_squared_over_n_n2_minus_1()
    {
        // d = (-1, 1, -1, 1, 0): rho = 1 - 6*4 / (5*24) = 0.8.
        Assert.Equal(0.8, SimilarityMetrics.Spearman([1, 2, 3, 4, 5], [2, 1, 4, 3, 5]), 12);
    }

    [Fact]
    public void Spearman_gives_tied_values_the_average_of_their_ranks()
    {
        Assert.Equal([1, 2.5, 2.5, 4], SimilarityMetrics.AverageRanks([1, 2, 2, 3]));

        // Pearson of (1, 2.5, 2.5, 4) and (1, 2, 3, 4): 4.5 / sqrt(4.5 * 5) = 0.9486832980505138 (scipy agrees).
        Assert.Equal(4.5 / Math.Sqrt(4.5 * 5), SimilarityMetrics.Spearman([1, 2, 2, 3], [1, 2, 3, 4]), 12);
    }

    [Fact]
    public void Spearman_ignores_any_monotonic_rescaling_of_the_labels()
    {
        double[] cosines = [0.1, 0.7, 0.4, 0.9, 0.3];
        double[] gold = [0.5, 4.0, 2.2, 5.0, 1.0];
        var onFiveScale = SimilarityMetrics.Spearman(gold, cosines);
        var onUnitScale = SimilarityMetrics.Spearman(gold.Select(static g => g / 5).ToArray(), cosines);

        Assert.Equal(onFiveScale, onUnitScale, 12);
        Assert.Equal(
            SimilarityMetrics.Pearson(gold, cosines),
            SimilarityMetrics.Pearson(gold.Select(static g => g / 5).ToArray(), cosines),
            12);
    }

    [Fact]
    public void Pearson_matches_a_hand_computed_value()
    {
        // dx = (-1, 0, 1), dy = (-1, 1, 0): r = 1 / sqrt(2 * 2) = 0.5.
        Assert.Equal(0.5, SimilarityMetrics.Pearson([1, 2, 3], [1, 3, 2]), 12);
        Assert.Equal(-1.0, SimilarityMetrics.Pearson([1, 2, 3], [6, 4, 2]), 12);
    }

    [Fact]
    public void A_constant_side_has_no_correlation()
    {
        Assert.True(double.IsNaN(SimilarityMetrics.Pearson([1, 1, 1], [1, 2, 3])));
        Assert.True(double.IsNaN(SimilarityMetrics.Spearman([1, 2, 3], [0.9, 0.9, 0.9])));
    }

    [Fact]
    public void Embedding_similarity_correlates_cosines_with_labels()
    {
        // Cosines of the three pairs: 1, 0, -1 (the second rows are scaled: cosine ignores length).
        var first = EmbeddingMatrix.FromRows([[1f, 0f], [1f, 0f], [1f, 0f]]);
        var second = EmbeddingMatrix.FromRows([[3f, 0f], [0f, 2f], [-5f, 0f]]);

        Assert.Equal([1.0, 0.0, -1.0], EmbeddingSimilarityEvaluator.Cosines(first, second).Select(static c => Math.Round(c, 6)));
        var metrics = EmbeddingSimilarityEvaluator.Evaluate(first, second, [5.0, 3.0, 0.0]);

        Assert.Equal(1.0, metrics["spearman_cosine"], 12);

        // Pearson of (5, 3, 0) with (1, 0, -1): dx = (7/3, 1/3, -8/3), dy = (1, 0, -1): 5 / sqrt(38/3 * 2).
        Assert.Equal(5 / Math.Sqrt(38.0 / 3 * 2), metrics["pearson_cosine"], 12);
    }
}
