using TorchSharp;
using static TorchSharp.torch;

namespace PairTuner.Training.Modeling;

/// <summary>
/// Dropout that keeps a one-byte mask for backward. torch's CPU dropout keeps its noise for backward
/// as a tensor of the input's dtype (4 bytes an element in fp32; CUDA's fused kernel keeps a bool
/// mask already). The mask here is drawn as torch's CPU dropout draws its noise (<c>bernoulli_</c>
/// with <c>1 - p</c> over the input's shape), so the same seed drops the same elements.
/// </summary>
internal static class MaskedDropout
{
    public static Tensor Apply(Tensor input, double p, bool training)
    {
        if (!Runtime.ComputeDevice.MasksDropout(input.device_type, training, p))
        {
            return nn.functional.dropout(input, p, training);
        }

        // Autograd keeps its own reference to the mask; this handle can go at once.
        using var keep = empty_like(input, dtype: ScalarType.Bool).bernoulli_(1 - p);
        return input.mul(keep).mul_(1 / (1 - p));
    }
}
