using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace PairTuner.Training.Modeling;

/// <summary>Hugging Face's <c>BertOutput</c>: <c>dense</c> back to hidden_size, dropout, residual add, <c>LayerNorm</c>.</summary>
public sealed class BertOutput : nn.Module<Tensor, Tensor, Tensor>
{
#pragma warning disable IDE1006 // Field names are the Hugging Face module names.
    private readonly BertLinear dense;
    private readonly LayerNorm LayerNorm;
#pragma warning restore IDE1006
    private readonly double dropoutProbability;

    public BertOutput(BertConfig config) : base(nameof(BertOutput))
    {
        dense = new BertLinear(config.IntermediateSize, config.HiddenSize);
        LayerNorm = nn.LayerNorm(config.HiddenSize, config.LayerNormEps);
        dropoutProbability = config.HiddenDropoutProb;
        RegisterComponents();
    }

    public override Tensor forward(Tensor intermediate, Tensor residual)
        => ResidualLayerNorm.Apply(LayerNorm, MaskedDropout.Apply(dense.forward(intermediate), dropoutProbability, training), residual);
}
