using TorchSharp;
using static TorchSharp.torch;

namespace PairTuner.Training.Losses;

/// <summary>
/// sentence-transformers' MultipleNegativesRankingLoss: for anchor i the candidates are every
/// positive of the batch followed by every hard negative, scores are <c>similarity * scale</c>, and
/// the loss is the cross-entropy of each row against its own positive (the diagonal), averaged.
/// </summary>
public sealed class MultipleNegativesRankingLoss : InBatchRankingLoss
{
    public MultipleNegativesRankingLoss(RankingLossOptions options)
        : base(options)
    {
    }

    public override Tensor Compute(IReadOnlyList<Tensor> embeddings) => Compute(Options, embeddings);

    internal static Tensor Compute(RankingLossOptions options, IReadOnlyList<Tensor> embeddings)
    {
        ArgumentNullException.ThrowIfNull(embeddings);
        if (embeddings.Count < 2)
        {
            throw new ArgumentException("MNRL needs anchors and positives.", nameof(embeddings));
        }

        using var scope = NewDisposeScope();
        var candidates = cat(embeddings.Skip(1).ToArray(), 0);
        var scores = SimilarityScores.Compute(options.Similarity, embeddings[0], candidates) * options.Scale;
        var labels = arange(scores.shape[0], dtype: int64, device: scores.device);
        return nn.functional.cross_entropy(scores, labels).MoveToOuterDisposeScope();
    }
}
