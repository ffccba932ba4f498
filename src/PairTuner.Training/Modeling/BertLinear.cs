using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace PairTuner.Training.Modeling;

/// <summary>
/// A dense layer with PyTorch's <c>nn.Linear</c> parameter names and layout (<c>weight</c> [out, in],
/// <c>bias</c> [out]), whose product follows <see cref="Autocast"/> as <c>torch.autocast</c> would:
/// under bf16 the input, weight and bias are cast to bfloat16 and the output is bfloat16; the float32
/// weights remain the only copy and gradients reach them through the casts. Consumers that need
/// float32 (LayerNorm after the residual add, pooling) get it by type promotion or an explicit cast.
/// </summary>
public sealed class BertLinear : nn.Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // Field names are the Hugging Face parameter names.
    private readonly Parameter weight;
    private readonly Parameter bias;
#pragma warning restore IDE1006

    public BertLinear(long inFeatures, long outFeatures, string name = "Linear") : base(name)
    {
        weight = new Parameter(empty(outFeatures, inFeatures));
        bias = new Parameter(zeros(outFeatures));
        using (no_grad())
        {
            // nn.Linear's default initialization; pretrained weights overwrite it.
            nn.init.kaiming_uniform_(weight, Math.Sqrt(5));
            var bound = 1.0 / Math.Sqrt(inFeatures);
            nn.init.uniform_(bias, -bound, bound);
        }

        RegisterComponents();
    }

    public Parameter Weight => weight;

    public Parameter Bias => bias;

    public override Tensor forward(Tensor input)
    {
        var dtype = Autocast.MatmulDtype;
        if (dtype == ScalarType.Float32 && input.dtype == ScalarType.Float32)
        {
            return nn.functional.linear(input, weight, bias);
        }

        // Intermediates are left to the caller's dispose scope (SentenceEncoder.forward opens one).
        return nn.functional.linear(Autocast.CastTo(input, dtype), weight.to_type(dtype), bias.to_type(dtype));
    }
}
