using PairTuner.Contracts.Jobs;
using TorchSharp;
using static TorchSharp.torch;

namespace PairTuner.Training.Losses;

/// <summary>sentence-transformers' <c>dot_score</c> and <c>cos_sim</c> as score matrices <c>[a, b]</c>.</summary>
public static class SimilarityScores
{
    public static Tensor Compute(SimilarityFunction similarity, Tensor a, Tensor b) => similarity switch
    {
        SimilarityFunction.Dot => a.matmul(b.t()),
        SimilarityFunction.Cos => Cosine(a, b),
        _ => throw new ArgumentOutOfRangeException(nameof(similarity), similarity, "Unknown similarity."),
    };

    // util.cos_sim normalizes each row with F.normalize (eps 1e-12) and takes the dot product.
    private static Tensor Cosine(Tensor a, Tensor b)
    {
        using var scope = NewDisposeScope();
        var an = nn.functional.normalize(a, p: 2, dim: 1, eps: 1e-12);
        var bn = nn.functional.normalize(b, p: 2, dim: 1, eps: 1e-12);
        return an.matmul(bn.t()).MoveToOuterDisposeScope();
    }
}
