using PairTuner.Training.Modeling;
using PairTuner.Bench.Onnx;
using PairTuner.Training.Onnx;
using PairTuner.Training.Tokenization;
using PairTuner.Training.Weights;
using TorchSharp;

namespace PairTuner.Training.Tests.Modeling;

/// <summary>The real all-MiniLM-L6-v2 loaded once for the tests that need it: weights, ONNX bytes, tokenizer.</summary>
public sealed class BuiltinModelFixture : IDisposable
{
    public BuiltinModelFixture()
    {
        using var stream = BuiltinMiniLm.OpenOnnx();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        OnnxBytes = copy.ToArray();
        StateDict = OnnxWeights.ReadStateDict(new MemoryStream(OnnxBytes));
        Encoder = SentenceEncoder.FromStateDict(BertConfig.MiniLmL6, StateDict);
        Encoder.eval();
        Tokenizer = BertWordPieceTokenizer.Builtin();
        OnnxRuntime = OnnxRuntimeEncoder.Create(OnnxBytes, torch.get_num_threads());
    }

    public byte[] OnnxBytes { get; }

    public Dictionary<string, torch.Tensor> StateDict { get; }

    public SentenceEncoder Encoder { get; }

    public BertWordPieceTokenizer Tokenizer { get; }

    public OnnxRuntimeEncoder OnnxRuntime { get; }

    public void Dispose()
    {
        OnnxRuntime.Dispose();
        Encoder.Dispose();
        foreach (var tensor in StateDict.Values) tensor.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class BuiltinModelCollection : ICollectionFixture<BuiltinModelFixture>
{
    public const string Name = "builtin all-MiniLM-L6-v2";
}
