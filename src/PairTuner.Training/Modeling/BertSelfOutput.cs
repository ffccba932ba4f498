using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace PairTuner.Training.Modeling;

/// <summary>Hugging Face's <c>BertSelfOutput</c>: <c>dense</c>, dropout, residual add, <c>LayerNorm</c> (in float32).</summary>
public sealed class BertSelfOutput : nn.Module<Tensor, Tensor, Tensor>
{
#pragma warning disable IDE1006 // Field names are the Hugging Face module names.
    private readonly BertLinear dense;
    private readonly LayerNorm LayerNorm;
#pragma warning restore IDE1006
    private readonly double dropoutProbability;

    public BertSelfOutput(BertConfig config) : base(nameof(BertSelfOutput))
    {
        dense = new BertLinear(config.HiddenSize, config.HiddenSize);
        LayerNorm = nn.LayerNorm(config.HiddenSize, config.LayerNormEps);
        dropoutProbability = config.HiddenDropoutProb;
        RegisterComponents();
    }

    public override Tensor forward(Tensor context, Tensor residual)
        => ResidualLayerNorm.Apply(LayerNorm, MaskedDropout.Apply(dense.forward(context), dropoutProbability, training), residual);
}
