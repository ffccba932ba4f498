using PairTuner.Training.ModelIO.Loading;
using PairTuner.Training.Modeling;
using TorchSharp;

namespace PairTuner.Training.Tests.ModelIO;

/// <summary>A BERT small enough to write and read in milliseconds, with a matching vocabulary.</summary>
internal static class TinyBert
{
    public static BertConfig Config { get; } = new()
    {
        VocabSize = 12,
        HiddenSize = 8,
        NumHiddenLayers = 2,
        NumAttentionHeads = 2,
        IntermediateSize = 16,
        MaxPositionEmbeddings = 32,
    };

    public static readonly string[] Vocab = ["[PAD]", "[unused0]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "the", "cat", "sat", "##s", "on", "mat"];

    /// <summary>Random float32 weights with every BertModel name and shape.</summary>
    public static Dictionary<string, torch.Tensor> StateDict(int seed = 1)
    {
        using var generator = new torch.Generator((ulong)seed);
        return BertStateDictLayout.Parameters(Config)
            .ToDictionary(item => item.Name, item => torch.randn(item.Shape, generator: generator), StringComparer.Ordinal);
    }

    public static string WriteVocab(string folder)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, "vocab.txt");
        File.WriteAllText(path, string.Join("\n", Vocab) + "\n");
        return path;
    }

    public static void AssertSameTensors(IReadOnlyDictionary<string, torch.Tensor> expected, IReadOnlyDictionary<string, torch.Tensor> actual)
    {
        Assert.Equal(expected.Keys.OrderBy(k => k, StringComparer.Ordinal), actual.Keys.OrderBy(k => k, StringComparer.Ordinal));
        foreach (var (name, tensor) in expected)
        {
            Assert.Equal(tensor.dtype, actual[name].dtype);
            Assert.Equal(tensor.shape, actual[name].shape);
            using var same = tensor.eq(actual[name]).all();
            Assert.True(same.item<bool>(), $"tensor '{name}' differs");
        }
    }

    public static void Dispose(IEnumerable<torch.Tensor> tensors)
    {
        foreach (var tensor in tensors)
        {
            tensor.Dispose();
        }
    }
}
