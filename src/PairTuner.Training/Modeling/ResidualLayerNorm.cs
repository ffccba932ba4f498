using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace PairTuner.Training.Modeling;

/// <summary>
/// <c>LayerNorm(x + residual)</c> with the sum and the normalization in float32, whatever dtype the
/// dense layer produced: the residual stream is kept in float32 as autocast does.
/// </summary>
internal static class ResidualLayerNorm
{
    public static Tensor Apply(LayerNorm norm, Tensor x, Tensor residual)
    {
        var sum = x.dtype == ScalarType.Float32 ? x + residual : x.to_type(ScalarType.Float32) + residual;
        return norm.forward(sum);
    }
}
