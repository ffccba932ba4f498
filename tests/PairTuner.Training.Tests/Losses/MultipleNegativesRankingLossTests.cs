using PairTuner.Contracts.Jobs;
using PairTuner.Training.Losses;
using TorchSharp;
using static TorchSharp.torch;

namespace PairTuner.Training.Tests.Losses;

public class MultipleNegativesRankingLossTests
{
    [Fact]
    public void Dot_scale_1_matches_a_hand_computed_cross_entropy_over_the_diagonal()
    {
        using var anchors = tensor(new float[] { 1, 0, 0, 1 }, [2, 2]);
        using var positives = tensor(new float[] { 1, 0, 0.6f, 0.8f }, [2, 2]);
        var loss = new MultipleNegativesRankingLoss(new RankingLossOptions { Similarity = SimilarityFunction.Dot, Scale = 1 });

        using var value = loss.Compute([anchors, positives]);

        // scores: row 0 = [1, 0.6] (target 0), row 1 = [0, 0.8] (target 1)
        var row0 = -Math.Log(Math.Exp(1) / (Math.Exp(1) + Math.Exp(0.6)));
        var row1 = -Math.Log(Math.Exp(0.8) / (Math.Exp(0) + Math.Exp(0.8)));
        Assert.Equal((row0 + row1) / 2, value.ToDouble(), 5);
    }

    [Fact]
    public void Hard_negatives_join_the_candidates_after_all_positives()
    {
        using var anchors = tensor(new float[] { 1, 0, 0, 1 }, [2, 2]);
        using var positives = tensor(new float[] { 1, 0, 0, 1 }, [2, 2]);
        using var negatives = tensor(new float[] { 2, 0, 0, 0.5f }, [2, 2]);
        var loss = new MultipleNegativesRankingLoss(new RankingLossOptions { Similarity = SimilarityFunction.Dot, Scale = 1 });

        using var value = loss.Compute([anchors, positives, negatives]);

        // row 0: candidates [p0, p1, n0, n1] -> [1, 0, 2, 0]; row 1: [0, 1, 0, 0.5]
        static double Ce(double[] s, int target) => -Math.Log(Math.Exp(s[target]) / s.Sum(Math.Exp));
        var expected = (Ce([1, 0, 2, 0], 0) + Ce([0, 1, 0, 0.5], 1)) / 2;
        Assert.Equal(expected, value.ToDouble(), 5);
    }

    [Fact]
    public void Cos_normalizes_and_multiplies_by_the_scale()
    {
        using var anchors = tensor(new float[] { 3, 0, 0, 2 }, [2, 2]);
        using var positives = tensor(new float[] { 5, 0, 3, 4 }, [2, 2]);
        var loss = new MultipleNegativesRankingLoss(new RankingLossOptions { Similarity = SimilarityFunction.Cos, Scale = 20 });

        using var value = loss.Compute([anchors, positives]);

        // cosines: row 0 = [1, 0.6], row 1 = [0, 0.8], times 20
        static double Ce(double[] s, int target) => -Math.Log(Math.Exp(s[target]) / s.Sum(Math.Exp));
        var expected = (Ce([20, 12], 0) + Ce([0, 16], 1)) / 2;
        Assert.Equal(expected, value.ToDouble(), 4);
    }

    [Fact]
    public void Options_from_a_job_use_the_similaritys_default_scale()
    {
        Assert.Equal(20.0, RankingLossOptions.From(new TrainingOptions()).Scale);
        Assert.Equal(1.0, RankingLossOptions.From(new TrainingOptions { Similarity = SimilarityFunction.Dot }).Scale);
        Assert.Equal(20.0, RankingLossOptions.From(new TrainingOptions { Similarity = SimilarityFunction.Cos }).Scale);
        Assert.Equal(5.0, RankingLossOptions.From(new TrainingOptions { Similarity = SimilarityFunction.Cos, Scale = 5 }).Scale);
    }
}
