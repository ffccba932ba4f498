using TorchSharp;
using static TorchSharp.torch;

namespace PairTuner.Training.Modeling;

/// <summary>
/// Hugging Face's <c>BertPooler</c> (<c>dense</c> + tanh over the first token). all-MiniLM-L6-v2 does not
/// use it for sentence embeddings (mean pooling does), but its weights are part of the checkpoint, the
/// ONNX export and the saved <c>model.safetensors</c>, so it is kept to round-trip them unchanged.
/// </summary>
public sealed class BertPooler : nn.Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // Field names are the Hugging Face module names.
    private readonly BertLinear dense;
#pragma warning restore IDE1006

    public BertPooler(BertConfig config) : base(nameof(BertPooler))
    {
        dense = new BertLinear(config.HiddenSize, config.HiddenSize);
        RegisterComponents();
    }

    /// <param name="hidden">[batch, seq, hidden].</param>
    /// <returns>[batch, hidden]: tanh(dense(hidden[:, 0])).</returns>
    public override Tensor forward(Tensor hidden) => tanh(dense.forward(hidden.select(1, 0)).to_type(ScalarType.Float32));
}
