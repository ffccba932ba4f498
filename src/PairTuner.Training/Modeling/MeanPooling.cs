using TorchSharp;
using static TorchSharp.torch;

namespace PairTuner.Training.Modeling;

/// <summary>
/// sentence-transformers' <c>Pooling(pooling_mode_mean_tokens=True)</c> and <c>Normalize()</c>, in
/// float32: the mean of the token embeddings where the attention mask is 1 (padding excluded, the
/// count clamped at 1e-9), then division by the L2 norm (clamped at 1e-12).
/// </summary>
public static class MeanPooling
{
    /// <param name="tokenEmbeddings">[batch, seq, hidden], any float dtype.</param>
    /// <param name="attentionMask">[batch, seq], 1 for real tokens and 0 for padding.</param>
    /// <returns>float32 [batch, hidden].</returns>
    public static Tensor Pool(Tensor tokenEmbeddings, Tensor attentionMask)
    {
        ArgumentNullException.ThrowIfNull(tokenEmbeddings);
        ArgumentNullException.ThrowIfNull(attentionMask);
        using var scope = NewDisposeScope();
        var mask = attentionMask.to_type(ScalarType.Float32).unsqueeze(-1);
        var sum = (tokenEmbeddings.to_type(ScalarType.Float32) * mask).sum(1);
        var count = mask.sum(1).clamp_min(1e-9);
        return (sum / count).MoveToOuterDisposeScope();
    }

    /// <summary>Scales each row of <paramref name="embeddings"/> [batch, hidden] to unit L2 norm.</summary>
    public static Tensor Normalize(Tensor embeddings)
    {
        ArgumentNullException.ThrowIfNull(embeddings);
        return nn.functional.normalize(embeddings.to_type(ScalarType.Float32), p: 2, dim: 1, eps: 1e-12);
    }
}
