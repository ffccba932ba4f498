using TorchSharp;
using static TorchSharp.torch;

namespace PairTuner.Training.Losses;

/// <summary>
/// sentence-transformers' MultipleNegativesSymmetricRankingLoss: the MNRL loss (anchor to every
/// candidate) and the backward loss (each positive to every anchor, i.e. the anchor-positive block
/// of the score matrix transposed; hard negatives take no part in it), averaged: (forward + backward) / 2.
/// </summary>
public sealed class MultipleNegativesSymmetricRankingLoss : InBatchRankingLoss
{
    public MultipleNegativesSymmetricRankingLoss(RankingLossOptions options)
        : base(options)
    {
    }

    public override Tensor Compute(IReadOnlyList<Tensor> embeddings)
    {
        ArgumentNullException.ThrowIfNull(embeddings);
        if (embeddings.Count < 2)
        {
            throw new ArgumentException("The symmetric loss needs anchors and positives.", nameof(embeddings));
        }

        using var scope = NewDisposeScope();
        var anchors = embeddings[0];
        var n = anchors.shape[0];
        var candidates = cat(embeddings.Skip(1).ToArray(), 0);
        var scores = SimilarityScores.Compute(Options.Similarity, anchors, candidates) * Options.Scale;
        var labels = arange(n, dtype: int64, device: scores.device);
        var forward = nn.functional.cross_entropy(scores, labels);
        var anchorPositive = scores.narrow(1, 0, n);
        var backward = nn.functional.cross_entropy(anchorPositive.t(), labels);
        return ((forward + backward) / 2).MoveToOuterDisposeScope();
    }
}
