using TorchSharp;
using static TorchSharp.torch;

namespace PairTuner.Training.Modeling;

/// <summary>Hugging Face's <c>BertIntermediate</c>: <c>dense</c> to intermediate_size, then exact (erf) GELU.</summary>
public sealed class BertIntermediate : nn.Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // Field names are the Hugging Face module names.
    private readonly BertLinear dense;
#pragma warning restore IDE1006

    public BertIntermediate(BertConfig config) : base(nameof(BertIntermediate))
    {
        if (config.HiddenAct != "gelu")
        {
            throw new NotSupportedException($"hidden_act '{config.HiddenAct}' is not supported; BERT models here use exact 'gelu'.");
        }

        dense = new BertLinear(config.HiddenSize, config.IntermediateSize);
        RegisterComponents();
    }

    public override Tensor forward(Tensor hidden) => nn.functional.gelu(dense.forward(hidden));
}
