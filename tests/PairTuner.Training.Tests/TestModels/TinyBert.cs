using PairTuner.Training.Modeling;
using PairTuner.Training.Trainer;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace PairTuner.Training.Tests.TestModels;

/// <summary>
/// The real <see cref="SentenceEncoder"/> (HF BERT, mean pooling, normalize) in a tiny
/// configuration, with a word-level vocabulary built from the texts it will see ([PAD]=0, [CLS]=1, [SEP]=2).
/// </summary>
internal sealed class TinyBert : ITrainableEncoder, IDisposable
{
    private readonly Dictionary<string, long> _vocab = new(StringComparer.Ordinal);

    public TinyBert(IEnumerable<string> texts, long seed = 3)
    {
        foreach (var word in texts.SelectMany(t => t.Split(' ')).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            _vocab[word] = _vocab.Count + 3;
        }

        torch.random.manual_seed(seed);
        Encoder = SentenceEncoder.Create(new BertConfig
        {
            VocabSize = _vocab.Count + 3,
            HiddenSize = 32,
            NumHiddenLayers = 2,
            NumAttentionHeads = 2,
            IntermediateSize = 64,
            MaxPositionEmbeddings = 32,
        });
    }

    public SentenceEncoder Encoder { get; }

    public IEnumerable<(string Name, Parameter Parameter)> NamedParameters => Encoder.named_parameters();

    public void SetTraining(bool training) => Encoder.train(training);

    public Tensor Embed(IReadOnlyList<string> texts)
    {
        var rows = texts.Select(t => new long[] { 1 }.Concat(t.Split(' ').Select(w => _vocab[w])).Append(2).ToArray()).ToArray();
        var length = rows.Max(r => r.Length);
        var ids = new long[rows.Length * length];
        var mask = new long[rows.Length * length];
        for (var i = 0; i < rows.Length; i++)
        {
            rows[i].CopyTo(ids, i * length);
            Array.Fill(mask, 1L, i * length, rows[i].Length);
        }

        using var idTensor = tensor(ids, [rows.Length, length]);
        using var maskTensor = tensor(mask, [rows.Length, length]);
        return Encoder.forward(idTensor, maskTensor);
    }

    public void Dispose() => Encoder.Dispose();
}
