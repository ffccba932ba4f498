using PairTuner.Contracts.Jobs;
using PairTuner.Training.Losses;
using TorchSharp;
using static TorchSharp.torch;

namespace PairTuner.Training.Tests.Losses;

public class MultipleNegativesSymmetricRankingLossTests
{
    private static double Ce(double[] s, int target) => -Math.Log(Math.Exp(s[target]) / s.Sum(Math.Exp));

    [Fact]
    public void Averages_anchor_to_candidates_and_positive_to_anchors()
    {
        using var anchors = tensor(new float[] { 1, 0, 0, 1 }, [2, 2]);
        using var positives = tensor(new float[] { 1, 0, 0.6f, 0.8f }, [2, 2]);
        var loss = new MultipleNegativesSymmetricRankingLoss(new RankingLossOptions { Similarity = SimilarityFunction.Dot, Scale = 1 });

        using var value = loss.Compute([anchors, positives]);

        // scores [[1, 0.6], [0, 0.8]]; forward uses rows, backward uses columns (the transpose).
        var forward = (Ce([1, 0.6], 0) + Ce([0, 0.8], 1)) / 2;
        var backward = (Ce([1, 0], 0) + Ce([0.6, 0.8], 1)) / 2;
        Assert.Equal((forward + backward) / 2, value.ToDouble(), 5);
    }

    [Fact]
    public void Hard_negatives_count_only_in_the_forward_direction()
    {
        using var anchors = tensor(new float[] { 1, 0, 0, 1 }, [2, 2]);
        using var positives = tensor(new float[] { 1, 0, 0, 1 }, [2, 2]);
        using var negatives = tensor(new float[] { 2, 0, 0, 0.5f }, [2, 2]);
        var loss = new MultipleNegativesSymmetricRankingLoss(new RankingLossOptions { Similarity = SimilarityFunction.Dot, Scale = 1 });

        using var value = loss.Compute([anchors, positives, negatives]);

        var forward = (Ce([1, 0, 2, 0], 0) + Ce([0, 1, 0, 0.5], 1)) / 2;
        var backward = (Ce([1, 0], 0) + Ce([0, 1], 1)) / 2;
        Assert.Equal((forward + backward) / 2, value.ToDouble(), 5);
    }
}
