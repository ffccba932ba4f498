using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace PairTuner.Training.Modeling;

/// <summary>Hugging Face's <c>BertEncoder</c>: the stack <c>layer.{i}</c>.</summary>
public sealed class BertEncoder : nn.Module<Tensor, Tensor, Tensor>
{
#pragma warning disable IDE1006 // Field names are the Hugging Face module names.
    private readonly ModuleList<BertLayer> layer;
#pragma warning restore IDE1006

    public BertEncoder(BertConfig config) : base(nameof(BertEncoder))
    {
        layer = nn.ModuleList(Enumerable.Range(0, config.NumHiddenLayers).Select(_ => new BertLayer(config)).ToArray());
        RegisterComponents();
    }

    public override Tensor forward(Tensor hidden, Tensor keep)
    {
        foreach (var block in layer)
        {
            // A scope per layer frees the layer's intermediates as soon as it is done; autograd holds
            // on to what backward needs. One scope for the whole pass would keep every layer's.
            using var scope = NewDisposeScope();
            hidden = block.forward(hidden, keep).MoveToOuterDisposeScope();
        }

        return hidden;
    }
}
