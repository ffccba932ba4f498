using TorchSharp;
using static TorchSharp.torch;

namespace PairTuner.Training.Losses;

/// <summary>
/// A ranking loss computed from the whole batch's embeddings at once (MNRL and its symmetric
/// variant): embed every column with the batch's dropout seed, compute, backpropagate. The cached
/// variant differs precisely here, so it implements <see cref="IRankingLoss"/> itself.
/// </summary>
public abstract class InBatchRankingLoss : IRankingLoss
{
    protected InBatchRankingLoss(RankingLossOptions options)
    {
        Options = options ?? throw new ArgumentNullException(nameof(options));
    }

    protected RankingLossOptions Options { get; }

    public double Backward(SentenceEmbedder embed, RankingBatch batch)
    {
        ArgumentNullException.ThrowIfNull(embed);
        ArgumentNullException.ThrowIfNull(batch);
        using var scope = NewDisposeScope();
        DropoutRandom.Seed(batch.DropoutSeed);
        var embeddings = batch.Columns.Select(column => embed(column)).ToArray();
        var loss = Compute(embeddings);
        loss.backward();
        return loss.ToDouble();
    }

    /// <summary>The loss from embeddings: <c>[anchors, positives, negatives?]</c>, each <c>[n, dim]</c>.</summary>
    public abstract Tensor Compute(IReadOnlyList<Tensor> embeddings);
}
