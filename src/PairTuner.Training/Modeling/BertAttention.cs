using TorchSharp;
using static TorchSharp.torch;

namespace PairTuner.Training.Modeling;

/// <summary>Hugging Face's <c>BertAttention</c>: <c>self</c> (the heads) then <c>output</c> (projection, residual, LayerNorm).</summary>
public sealed class BertAttention : nn.Module<Tensor, Tensor, Tensor>
{
#pragma warning disable IDE1006, CA1716 // Field names are the Hugging Face module names ("self" needs the @).
    private readonly BertSelfAttention @self;
    private readonly BertSelfOutput output;
#pragma warning restore IDE1006, CA1716

    public BertAttention(BertConfig config) : base(nameof(BertAttention))
    {
        @self = new BertSelfAttention(config);
        output = new BertSelfOutput(config);
        RegisterComponents();
    }

    public override Tensor forward(Tensor hidden, Tensor keep) => output.forward(@self.forward(hidden, keep), hidden);
}
